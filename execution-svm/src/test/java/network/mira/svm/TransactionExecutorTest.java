package network.mira.svm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.mira.core.account.Account;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.AccountMeta;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.svm.compute.ComputeParameters;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemInstruction;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import org.junit.jupiter.api.Test;

class TransactionExecutorTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long FEE = 5000;
    private static final Hash BLOCKHASH = Hash.sha256(new byte[] {1});

    private final KeyPair alice = KeyPair.generate(RANDOM);
    private final KeyPair bob = KeyPair.generate(RANDOM);
    private final Map<PublicKey, Account> committed = new HashMap<>();
    private final AccountOverlay state = new AccountOverlay(address -> Optional.ofNullable(committed.get(address)));
    private final TransactionExecutor executor = new TransactionExecutor(
            new ProgramRegistry(List.of(new SystemProgramRuntime(), new ComputeBudgetProgramRuntime())), SystemProgram.ID);
    private final BlockContext block = new BlockContext(1, 1_000, FEE, ComputeParameters.SOLANA_DEFAULTS);

    private void fund(KeyPair key, long lamports) {
        committed.put(key.publicKey(), Account.ofLamports(lamports, SystemProgram.ID));
    }

    private long balance(KeyPair key) {
        return state.get(key.publicKey()).map(Account::lamports).orElse(0L);
    }

    private Transaction signed(KeyPair payer, List<Instruction> instructions, KeyPair... signers) {
        return Transaction.sign(MessageCompiler.compileLegacy(payer.publicKey(), instructions, BLOCKHASH),
                List.of(signers));
    }

    @Test
    void transferMovesLamportsAndChargesTheFee() throws Exception {
        fund(alice, 1_000_000);
        TransactionResult result = executor.execute(
                signed(alice, List.of(SystemProgram.transfer(alice.publicKey(), bob.publicKey(), 300_000)), alice),
                state, block);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.fee()).isEqualTo(FEE);
        assertThat(balance(alice)).isEqualTo(1_000_000 - 300_000 - FEE);
        assertThat(balance(bob)).isEqualTo(300_000);
    }

    @Test
    void failedTransferStillPaysTheFeeAndChangesNothingElse() throws Exception {
        fund(alice, 100_000);
        TransactionResult result = executor.execute(
                signed(alice, List.of(SystemProgram.transfer(alice.publicKey(), bob.publicKey(), 100_000)), alice),
                state, block);
        assertThat(result.error()).get().extracting(TransactionError::code).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(result.error().get().instructionIndex()).isZero();
        assertThat(balance(alice)).isEqualTo(100_000 - FEE);
        assertThat(balance(bob)).isZero();
        assertThat(state.changes()).containsOnlyKeys(alice.publicKey());
    }

    @Test
    void aLaterFailingInstructionRollsBackEarlierOnes() throws Exception {
        fund(alice, 1_000_000);
        TransactionResult result = executor.execute(signed(alice, List.of(
                SystemProgram.transfer(alice.publicKey(), bob.publicKey(), 10),
                SystemProgram.transfer(alice.publicKey(), bob.publicKey(), 10_000_000)), alice), state, block);
        assertThat(result.error()).get().extracting(TransactionError::instructionIndex).isEqualTo(1);
        assertThat(balance(bob)).isZero();
        assertThat(balance(alice)).isEqualTo(1_000_000 - FEE);
    }

    @Test
    void feePayerThatCannotPayIsRejectedWithoutTouchingState() {
        fund(alice, FEE - 1);
        Transaction transaction =
                signed(alice, List.of(SystemProgram.transfer(alice.publicKey(), bob.publicKey(), 1)), alice);
        assertThatThrownBy(() -> executor.execute(transaction, state, block))
                .isInstanceOf(TransactionRejectedException.class)
                .extracting(e -> ((TransactionRejectedException) e).code()).isEqualTo("INSUFFICIENT_FUNDS_FOR_FEE");
        assertThat(state.changes()).isEmpty();
    }

    @Test
    void creditingAReadOnlyAccountFailsTheTransaction() throws Exception {
        fund(alice, 1_000_000);
        fund(bob, 5);
        Instruction transferToReadOnly = new Instruction(SystemProgram.ID, List.of(
                new AccountMeta(alice.publicKey(), true, true), new AccountMeta(bob.publicKey(), false, false)),
                new SystemInstruction.Transfer(7).encode());
        TransactionResult result = executor.execute(signed(alice, List.of(transferToReadOnly), alice), state, block);
        assertThat(result.error()).get().extracting(TransactionError::code).isEqualTo("READONLY_ACCOUNT_MODIFIED");
        assertThat(balance(bob)).isEqualTo(5);
    }

    @Test
    void transferWithoutTheSourceSignatureFails() throws Exception {
        fund(alice, 1_000_000);
        fund(bob, 1_000_000);
        // bob pays the fee and signs, but the instruction spends alice's lamports.
        Instruction unsigned = new Instruction(SystemProgram.ID, List.of(
                new AccountMeta(alice.publicKey(), false, true), new AccountMeta(bob.publicKey(), false, true)),
                new SystemInstruction.Transfer(1).encode());
        TransactionResult result = executor.execute(signed(bob, List.of(unsigned), bob), state, block);
        assertThat(result.error()).get().extracting(TransactionError::code).isEqualTo("MISSING_REQUIRED_SIGNATURE");
        assertThat(balance(alice)).isEqualTo(1_000_000);
    }

    @Test
    void createAccountAllocatesAssignsAndFunds() throws Exception {
        fund(alice, 10_000_000);
        KeyPair created = KeyPair.generate(RANDOM);
        PublicKey owner = PublicKey.wrap(Hash.sha256(new byte[] {9}).bytes());
        TransactionResult result = executor.execute(signed(alice, List.of(SystemProgram.createAccount(
                alice.publicKey(), created.publicKey(), 1_000_000, 64, owner)), alice, created), state, block);
        assertThat(result.succeeded()).isTrue();
        Account account = state.get(created.publicKey()).orElseThrow();
        assertThat(account.lamports()).isEqualTo(1_000_000);
        assertThat(account.dataLength()).isEqualTo(64);
        assertThat(account.owner()).isEqualTo(owner);
        assertThat(result.fee()).isEqualTo(2 * FEE);
    }

    @Test
    void createAccountOnAnExistingAccountFails() throws Exception {
        fund(alice, 10_000_000);
        fund(bob, 1);
        TransactionResult result = executor.execute(signed(alice, List.of(SystemProgram.createAccount(
                alice.publicKey(), bob.publicKey(), 1_000, 0, SystemProgram.ID)), alice, bob), state, block);
        assertThat(result.error()).get().extracting(TransactionError::code).isEqualTo("ACCOUNT_ALREADY_IN_USE");
    }

    @Test
    void assignedAccountCanNoLongerBeDebitedByTheSystemProgram() throws Exception {
        fund(alice, 10_000_000);
        fund(bob, 1_000_000);
        PublicKey owner = PublicKey.wrap(Hash.sha256(new byte[] {7}).bytes());
        assertThat(executor.execute(signed(alice, List.of(SystemProgram.assign(bob.publicKey(), owner)), alice, bob),
                state, block).succeeded()).isTrue();
        TransactionResult spend = executor.execute(signed(alice,
                List.of(SystemProgram.transfer(bob.publicKey(), alice.publicKey(), 1)), alice, bob), state, block);
        assertThat(spend.error()).get().extracting(TransactionError::code).isEqualTo("EXTERNAL_ACCOUNT_LAMPORT_SPEND");
    }

    @Test
    void allocateGivesZeroedData() throws Exception {
        fund(alice, 10_000_000);
        TransactionResult result = executor.execute(
                signed(alice, List.of(SystemProgram.allocate(bob.publicKey(), 10)), alice, bob), state, block);
        assertThat(result.succeeded()).isTrue();
        // An account with data but no lamports still exists in the overlay.
        assertThat(state.changes().get(bob.publicKey()).dataLength()).isEqualTo(10);
    }

    @Test
    void unknownProgramFailsTheTransaction() throws Exception {
        fund(alice, 1_000_000);
        PublicKey nowhere = PublicKey.wrap(Hash.sha256(new byte[] {3}).bytes());
        Instruction call = new Instruction(nowhere, List.of(new AccountMeta(alice.publicKey(), true, true)), new byte[] {1});
        TransactionResult result = executor.execute(signed(alice, List.of(call), alice), state, block);
        assertThat(result.error()).get().extracting(TransactionError::code).isEqualTo("UNKNOWN_PROGRAM");
        assertThat(balance(alice)).isEqualTo(1_000_000 - FEE);
    }
}
