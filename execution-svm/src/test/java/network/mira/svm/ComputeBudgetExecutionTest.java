package network.mira.svm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.mira.core.account.Account;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.testing.Web3jsFixtures;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.svm.compute.ComputeMeter;
import network.mira.svm.compute.ComputeParameters;
import network.mira.svm.program.computebudget.ComputeBudgetProgram;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import org.junit.jupiter.api.Test;

/** Compute metering and priority fees as the executor applies them. */
class ComputeBudgetExecutionTest {
    private static final long FEE = 5_000;
    private static final long START = 10_000_000;
    private static final Hash BLOCKHASH = Hash.sha256("compute-execution".getBytes(StandardCharsets.UTF_8));

    private final KeyPair alice = KeyPair.fromSeed(Hash.sha256(new byte[] {11}).bytes());
    private final KeyPair bob = KeyPair.fromSeed(Hash.sha256(new byte[] {12}).bytes());
    private final Map<PublicKey, Account> committed = new HashMap<>();
    private final AccountOverlay state = new AccountOverlay(address -> Optional.ofNullable(committed.get(address)));
    private final TransactionExecutor executor = new TransactionExecutor(
            new ProgramRegistry(List.of(new SystemProgramRuntime(), new ComputeBudgetProgramRuntime())), SystemProgram.ID);
    private final BlockContext block = new BlockContext(1, 1_000, FEE, ComputeParameters.SOLANA_DEFAULTS);

    private void fund(PublicKey key, long lamports) {
        committed.put(key, Account.ofLamports(lamports, SystemProgram.ID));
    }

    private long balance(PublicKey key) {
        return state.get(key).map(Account::lamports).orElse(0L);
    }

    private Transaction signed(Instruction... instructions) {
        return Transaction.sign(MessageCompiler.compileLegacy(alice.publicKey(), List.of(instructions), BLOCKHASH),
                List.of(alice));
    }

    private Instruction transfer(long lamports) {
        return SystemProgram.transfer(alice.publicKey(), bob.publicKey(), lamports);
    }

    @Test
    void aTransferWithoutBudgetInstructionsConsumesItsCost() throws Exception {
        fund(alice.publicKey(), START);
        TransactionResult result = executor.execute(signed(transfer(10)), state, block);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.computeUnitsConsumed()).isEqualTo(150);
        assertThat(result.fee()).isEqualTo(FEE);
    }

    @Test
    void aLimitBelowTheCostFailsAtTheInstructionThatPassesIt() throws Exception {
        fund(alice.publicKey(), START);
        // Costs: 150 per budget instruction, 150 per transfer; 599 runs out at the second transfer,
        // after the first one ran.
        TransactionResult result = executor.execute(signed(ComputeBudgetProgram.setComputeUnitLimit(599),
                ComputeBudgetProgram.setComputeUnitPrice(1_000_000), transfer(10), transfer(20)), state, block);
        TransactionError error = result.error().orElseThrow();
        assertThat(error.code()).isEqualTo("COMPUTE_BUDGET_EXCEEDED");
        assertThat(error.instructionIndex()).isEqualTo(3);
        assertThat(error.message()).isEqualTo("needs 150 more compute units but 450 of the transaction's limit of"
                + " 599 are already consumed");
        assertThat(result.computeUnitsConsumed()).isEqualTo(599);
        // Base fee plus 1,000,000 micro-lamports × 599 units = 599 lamports.
        assertThat(result.fee()).isEqualTo(FEE + 599);
        assertThat(balance(alice.publicKey())).isEqualTo(START - FEE - 599);
        assertThat(balance(bob.publicKey())).isZero();
        assertThat(state.changes()).containsOnlyKeys(alice.publicKey());
    }

    @Test
    void aTransactionExactlyAtItsLimitSucceeds() throws Exception {
        fund(alice.publicKey(), START);
        TransactionResult result = executor.execute(signed(ComputeBudgetProgram.setComputeUnitLimit(450),
                transfer(10), transfer(20)), state, block);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.computeUnitsConsumed()).isEqualTo(450);
        assertThat(balance(bob.publicKey())).isEqualTo(30);
    }

    @Test
    void aZeroLimitFailsTheFirstInstruction() throws Exception {
        fund(alice.publicKey(), START);
        TransactionResult result = executor.execute(signed(ComputeBudgetProgram.setComputeUnitLimit(0), transfer(10)),
                state, block);
        assertThat(result.error()).get().extracting(TransactionError::code, TransactionError::instructionIndex)
                .containsExactly("COMPUTE_BUDGET_EXCEEDED", 0);
        assertThat(result.computeUnitsConsumed()).isZero();
        assertThat(result.fee()).isEqualTo(FEE);
    }

    @Test
    void computeUnitsAreReportedForOtherFailuresToo() throws Exception {
        fund(alice.publicKey(), START);
        TransactionResult result = executor.execute(signed(ComputeBudgetProgram.setComputeUnitPrice(5),
                transfer(10), transfer(START)), state, block);
        assertThat(result.error()).get().extracting(TransactionError::code).isEqualTo("INSUFFICIENT_FUNDS");
        // The failing instruction's cost was charged before it ran.
        assertThat(result.computeUnitsConsumed()).isEqualTo(450);
        // 5 micro-lamports × the default 400,000 units = 2 lamports.
        assertThat(result.fee()).isEqualTo(FEE + 2);
        assertThat(balance(alice.publicKey())).isEqualTo(START - FEE - 2);
        assertThat(balance(bob.publicKey())).isZero();
    }

    @Test
    void thePriorityFeeIsChargedOnSuccess() throws Exception {
        fund(alice.publicKey(), START);
        TransactionResult result = executor.execute(signed(ComputeBudgetProgram.setComputeUnitLimit(10_000),
                ComputeBudgetProgram.setComputeUnitPrice(250_000), transfer(10)), state, block);
        assertThat(result.succeeded()).isTrue();
        // 250,000 micro-lamports × 10,000 units = 2,500 lamports, on the limit, not the 450 consumed.
        assertThat(result.fee()).isEqualTo(FEE + 2_500);
        assertThat(result.computeUnitsConsumed()).isEqualTo(450);
        assertThat(balance(alice.publicKey())).isEqualTo(START - FEE - 2_500 - 10);
    }

    @Test
    void aPayerWhoCoversOnlyTheBaseFeeIsRejected() {
        fund(alice.publicKey(), FEE + 2_499);
        Transaction transaction = signed(ComputeBudgetProgram.setComputeUnitLimit(10_000),
                ComputeBudgetProgram.setComputeUnitPrice(250_000), transfer(0));
        assertThatThrownBy(() -> executor.execute(transaction, state, block))
                .isInstanceOf(TransactionRejectedException.class)
                .hasMessageContaining("fee is 7500")
                .extracting(e -> ((TransactionRejectedException) e).code()).isEqualTo("INSUFFICIENT_FUNDS_FOR_FEE");
        assertThat(state.changes()).isEmpty();
    }

    @Test
    void invalidBudgetInstructionsFailTheTransactionForItsBaseFee() throws Exception {
        fund(alice.publicKey(), START);
        TransactionResult result = executor.execute(signed(ComputeBudgetProgram.setComputeUnitPrice(1_000_000),
                transfer(10), ComputeBudgetProgram.setComputeUnitPrice(2_000_000)), state, block);
        assertThat(result.error()).get().satisfies(error -> {
            assertThat(error.code()).isEqualTo("INVALID_INSTRUCTION_DATA");
            assertThat(error.instructionIndex()).isEqualTo(-1);
            assertThat(error.message()).isEqualTo("duplicate compute budget instruction: set_compute_unit_price"
                    + " (instruction 2 repeats instruction 0)");
        });
        assertThat(result.fee()).isEqualTo(FEE);
        assertThat(result.computeUnitsConsumed()).isZero();
        assertThat(state.changes()).containsOnlyKeys(alice.publicKey());
        assertThat(balance(alice.publicKey())).isEqualTo(START - FEE);
    }

    @Test
    void theChainsLimitsApply() throws Exception {
        fund(alice.publicKey(), START);
        BlockContext tight = new BlockContext(1, 1_000, FEE, new ComputeParameters(100, 200, 1_000, 500));
        // Default limit: 100 per instruction, below a transfer's 150.
        TransactionResult result = executor.execute(signed(transfer(10)), state, tight);
        assertThat(result.error()).get().extracting(TransactionError::code).isEqualTo("COMPUTE_BUDGET_EXCEEDED");
        assertThat(result.computeUnitsConsumed()).isEqualTo(100);
        // Asking for more than the chain's per-transaction maximum gets the maximum, 200: still too little.
        TransactionResult clamped = executor.execute(signed(ComputeBudgetProgram.setComputeUnitLimit(300),
                transfer(10)), state, tight);
        assertThat(clamped.error()).get().extracting(TransactionError::instructionIndex).isEqualTo(1);
        assertThat(clamped.computeUnitsConsumed()).isEqualTo(200);
    }

    @Test
    void theWeb3jsComputeBudgetFixtureRunsOutAtItsTransfer() throws Exception {
        // "CU limit 300, price 12345 micro-lamports, alice -> carol 42": the two budget instructions
        // use the whole limit, as they would on Solana, so the transfer cannot run.
        Transaction transaction = Transaction.decode(
                Web3jsFixtures.transaction("transfer_with_compute_budget").transaction());
        PublicKey fixtureAlice = Web3jsFixtures.key("alice");
        fund(fixtureAlice, START);
        TransactionResult result = executor.execute(transaction, state, block);
        assertThat(result.error()).get().extracting(TransactionError::code, TransactionError::instructionIndex)
                .containsExactly("COMPUTE_BUDGET_EXCEEDED", 2);
        assertThat(result.computeUnitsConsumed()).isEqualTo(300);
        assertThat(result.fee()).isEqualTo(FEE + 4);
        assertThat(balance(Web3jsFixtures.key("carol"))).isZero();
        assertThat(balance(fixtureAlice)).isEqualTo(START - FEE - 4);
    }

    @Test
    void programsCanChargeMoreThroughTheInvokeContext() throws Exception {
        ComputeMeter meter = new ComputeMeter(1_000);
        InvokeContext context = new InvokeContext(SystemProgram.ID, new byte[0], new ArrayList<>(), block, meter,
                network.mira.core.crypto.Signature.wrap(new byte[64]), false, (program, accounts, data) -> { });
        context.consumeCompute(600);
        assertThat(context.remainingCompute()).isEqualTo(400);
        assertThatThrownBy(() -> context.consumeCompute(401))
                .isInstanceOf(InstructionException.class)
                .extracting(e -> ((InstructionException) e).code()).isEqualTo("COMPUTE_BUDGET_EXCEEDED");
        assertThat(meter.consumed()).isEqualTo(1_000);
    }

    @Test
    void everyRegisteredProgramNeedsACost() {
        NativeProgram unpriced = new NativeProgram() {
            @Override
            public PublicKey id() {
                return PublicKey.wrap(Hash.sha256(new byte[] {42}).bytes());
            }

            @Override
            public void validate(byte[] instructionData) {}

            @Override
            public void execute(InvokeContext context) {}
        };
        assertThatThrownBy(() -> new TransactionExecutor(new ProgramRegistry(List.of(new SystemProgramRuntime(),
                unpriced)), SystemProgram.ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("program " + unpriced.id() + " has no compute cost");
    }
}
