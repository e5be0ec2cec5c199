package network.mira.settlement.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.mira.core.account.Account;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.svm.ProgramRegistry;
import network.mira.svm.compute.ComputeParameters;
import network.mira.svm.program.computebudget.ComputeBudgetProgram;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import org.junit.jupiter.api.Test;

/** Admission's fee and compute budget checks, against an in-memory view of the chain. */
class TransactionAdmissionTest {
    private static final long FEE = 5_000;
    private static final Hash BLOCKHASH = Hash.sha256("admission-test".getBytes(StandardCharsets.UTF_8));

    private final KeyPair alice = KeyPair.fromSeed(Hash.sha256(new byte[] {21}).bytes());
    private final KeyPair bob = KeyPair.fromSeed(Hash.sha256(new byte[] {22}).bytes());
    private final Map<PublicKey, Account> accounts = new HashMap<>();
    private final TransactionAdmission admission = new TransactionAdmission(new FixedChain(),
            new ProgramRegistry(List.of(new SystemProgramRuntime(), new ComputeBudgetProgramRuntime())), SystemProgram.ID);

    private final class FixedChain implements ChainView {
        @Override
        public long finalizedHeight() {
            return 10;
        }

        @Override
        public Optional<Long> heightOf(Hash blockHash) {
            return blockHash.equals(BLOCKHASH) ? Optional.of(10L) : Optional.empty();
        }

        @Override
        public boolean isProcessed(Signature signature) {
            return false;
        }

        @Override
        public Optional<Account> account(PublicKey address) {
            return Optional.ofNullable(accounts.get(address));
        }

        @Override
        public long lamportsPerSignature() {
            return FEE;
        }

        @Override
        public ComputeParameters compute() {
            return ComputeParameters.SOLANA_DEFAULTS;
        }

        @Override
        public int blockhashMaxAgeBlocks() {
            return 150;
        }
    }

    private void fund(long lamports) {
        accounts.put(alice.publicKey(), Account.ofLamports(lamports, SystemProgram.ID));
    }

    private TransactionAdmission.Verdict check(Instruction... instructions) {
        Transaction transaction = Transaction.sign(
                MessageCompiler.compileLegacy(alice.publicKey(), List.of(instructions), BLOCKHASH), List.of(alice));
        return admission.check(transaction.serialize());
    }

    private Instruction transfer() {
        return SystemProgram.transfer(alice.publicKey(), bob.publicKey(), 1);
    }

    @Test
    void aPayerHoldingTheBaseFeeIsEnoughWithoutAPriorityFee() {
        fund(FEE);
        assertThat(check(transfer())).isInstanceOf(TransactionAdmission.Admitted.class);
        fund(FEE - 1);
        assertThat(check(transfer())).isEqualTo(new TransactionAdmission.Refused(
                RefusalReason.INSUFFICIENT_FUNDS_FOR_FEE,
                "fee payer " + alice.publicKey() + " has 4999 lamports, the fee is 5000"));
    }

    @Test
    void thePayerMustCoverThePriorityFeeToo() {
        // 250,000 micro-lamports × 10,000 units = 2,500 lamports on top of the base fee.
        Instruction[] prioritised = {ComputeBudgetProgram.setComputeUnitLimit(10_000),
            ComputeBudgetProgram.setComputeUnitPrice(250_000), transfer()};
        fund(FEE + 2_499);
        assertThat(check(prioritised)).isEqualTo(new TransactionAdmission.Refused(
                RefusalReason.INSUFFICIENT_FUNDS_FOR_FEE, "fee payer " + alice.publicKey()
                        + " has 7499 lamports, the fee is 7500 (priority fee 2500 included)"));
        fund(FEE + 2_500);
        assertThat(check(prioritised)).isInstanceOf(TransactionAdmission.Admitted.class);
    }

    @Test
    void aRepeatedBudgetInstructionIsMalformed() {
        fund(1_000_000);
        assertThat(check(ComputeBudgetProgram.setComputeUnitLimit(1_000), ComputeBudgetProgram.setComputeUnitLimit(2_000),
                transfer())).isEqualTo(new TransactionAdmission.Refused(RefusalReason.MALFORMED_INSTRUCTION_DATA,
                "duplicate compute budget instruction: set_compute_unit_limit (instruction 1 repeats instruction 0)"));
    }

    @Test
    void budgetProblemsAreReportedBeforeTheFeePayersBalance() {
        fund(0);
        assertThat(check(ComputeBudgetProgram.setComputeUnitPrice(1), transfer(), ComputeBudgetProgram.setComputeUnitPrice(1)))
                .extracting(verdict -> ((TransactionAdmission.Refused) verdict).reason())
                .isEqualTo(RefusalReason.MALFORMED_INSTRUCTION_DATA);
    }

    @Test
    void budgetValuesSolanaRefusesAreMalformed() {
        fund(1_000_000);
        assertThat(check(ComputeBudgetProgram.requestHeapFrame(1_000), transfer())).isEqualTo(
                new TransactionAdmission.Refused(RefusalReason.MALFORMED_INSTRUCTION_DATA,
                        "instruction 0: request_heap_frame of 1000 bytes must be a multiple of 1024 from 32768 to 262144"));
        // The largest u64 price on 10^6 units: 2^64 - 1 lamports, more than any account can hold.
        assertThat(check(ComputeBudgetProgram.setComputeUnitPrice(-1), ComputeBudgetProgram.setComputeUnitLimit(1_000_000),
                transfer())).isEqualTo(new TransactionAdmission.Refused(RefusalReason.MALFORMED_INSTRUCTION_DATA,
                "priority fee of 18446744073709551615 lamports (18446744073709551615 micro-lamports per unit for"
                        + " 1000000 units) is more than any account can hold (9223372036854775807)"));
    }

    @Test
    void undecodableBudgetDataIsStillNamedByInstructionAndProgram() {
        fund(1_000_000);
        Instruction empty = new Instruction(ComputeBudgetProgram.ID, List.of(), new byte[0]);
        assertThat(check(transfer(), empty)).isEqualTo(new TransactionAdmission.Refused(
                RefusalReason.MALFORMED_INSTRUCTION_DATA,
                "instruction 1 (" + ComputeBudgetProgram.ID + "): compute budget instruction data is empty"));
    }
}
