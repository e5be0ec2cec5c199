package network.mira.svm;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import network.mira.core.account.Account;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.AccountMeta;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.svm.compute.ComputeParameters;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import org.junit.jupiter.api.Test;

/**
 * {@link InvokeContext#invoke}: a program runs another program's instruction on its accounts. Only a
 * program that may grant signatures lends an account's authority; the invoked program is judged by
 * the account rules as itself, the invoker only for its own changes; invocations do not nest.
 */
class InvokeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long FEE = 5_000;
    private static final PublicKey DELEGATE_ID = PublicKey.wrap(Hash.sha256("delegate".getBytes()).bytes());
    private static final PublicKey PLAIN_ID = PublicKey.wrap(Hash.sha256("plain".getBytes()).bytes());

    /**
     * Accounts: [owner, recipient, system program]. Data byte 0: 1 = invoke a System transfer of 100
     * from the owner to the recipient, lending the owner's signature; 2 = the same, then debit the owner
     * itself; 3 = invoke itself (nesting).
     */
    private static final class Delegating implements NativeProgram {
        private final PublicKey id;
        private final boolean grants;

        Delegating(PublicKey id, boolean grants) {
            this.id = id;
            this.grants = grants;
        }

        @Override
        public PublicKey id() {
            return id;
        }

        @Override
        public void validate(byte[] instructionData) {
        }

        @Override
        public OptionalLong computeUnitsPerInstruction() {
            return OptionalLong.of(1_000);
        }

        @Override
        public boolean mayGrantSignatures() {
            return grants;
        }

        @Override
        public void execute(InvokeContext context) throws InstructionException {
            PublicKey owner = context.account(0).key();
            byte[] transfer = SystemProgram.transfer(owner, context.account(1).key(), 100).data();
            switch (context.data()[0]) {
                case 1 -> context.invoke(SystemProgram.ID, new int[] {0, 1}, transfer, Set.of(owner));
                case 2 -> {
                    context.invoke(SystemProgram.ID, new int[] {0, 1}, transfer, Set.of(owner));
                    InstructionAccount account = context.account(0);
                    account.set(account.get().withLamports(account.get().lamports() - 1));
                    InstructionAccount recipient = context.account(1);
                    recipient.set(recipient.get().withLamports(recipient.get().lamports() + 1));
                }
                case 3 -> context.invoke(id, new int[] {0, 1}, new byte[] {3}, Set.of(owner));
                default -> throw new InstructionException("INVALID_INSTRUCTION_DATA", "unknown move");
            }
        }
    }

    private final KeyPair payer = KeyPair.generate(RANDOM);
    private final PublicKey owner = KeyPair.generate(RANDOM).publicKey();
    private final PublicKey recipient = KeyPair.generate(RANDOM).publicKey();
    private final Map<PublicKey, Account> committed = new HashMap<>();
    private final TransactionExecutor executor = new TransactionExecutor(new ProgramRegistry(List.of(
            new SystemProgramRuntime(), new Delegating(DELEGATE_ID, true), new Delegating(PLAIN_ID, false))),
            SystemProgram.ID);

    private TransactionOutcome run(PublicKey program, int move) throws Exception {
        committed.put(payer.publicKey(), Account.ofLamports(1_000_000, SystemProgram.ID));
        committed.put(owner, Account.ofLamports(1_000, SystemProgram.ID));
        committed.put(recipient, Account.ofLamports(0, SystemProgram.ID));
        Instruction instruction = new Instruction(program, List.of(AccountMeta.writable(owner, false),
                AccountMeta.writable(recipient, false), AccountMeta.readonly(SystemProgram.ID, false)),
                new byte[] {(byte) move});
        Transaction transaction = Transaction.sign(MessageCompiler.compileLegacy(payer.publicKey(),
                List.of(instruction), Hash.sha256(new byte[] {1})), List.of(payer));
        return executor.run(transaction, address -> Optional.ofNullable(committed.get(address)),
                new BlockContext(1, 1, FEE, ComputeParameters.SOLANA_DEFAULTS));
    }

    @Test
    void aProgramThatMayGrantSignaturesMovesTheOwnersLamportsThroughTheSystemProgram() throws Exception {
        TransactionOutcome outcome = run(DELEGATE_ID, 1);

        assertThat(outcome.result().error()).isEmpty();
        assertThat(outcome.writes().get(owner).lamports()).isEqualTo(900);
        assertThat(outcome.writes().get(recipient).lamports()).isEqualTo(100);
        // Both programs' costs: the invoker's 1,000 and the System transfer's 150.
        assertThat(outcome.result().computeUnitsConsumed()).isEqualTo(1_150);
    }

    @Test
    void anyOtherProgramGrantingASignatureFailsWithPrivilegeEscalation() throws Exception {
        TransactionOutcome outcome = run(PLAIN_ID, 1);

        assertThat(outcome.result().error()).get().extracting(TransactionError::code)
                .isEqualTo("PRIVILEGE_ESCALATION");
        assertThat(outcome.writes()).containsOnlyKeys(payer.publicKey());
    }

    @Test
    void theInvokerIsStillJudgedForItsOwnChanges() throws Exception {
        TransactionOutcome outcome = run(DELEGATE_ID, 2);

        assertThat(outcome.result().error()).get().extracting(TransactionError::code)
                .isEqualTo("EXTERNAL_ACCOUNT_LAMPORT_SPEND");
        assertThat(outcome.writes()).containsOnlyKeys(payer.publicKey());
        assertThat(outcome.writes().get(payer.publicKey()).lamports()).isEqualTo(1_000_000 - FEE);
    }

    @Test
    void invocationsDoNotNest() throws Exception {
        TransactionOutcome outcome = run(DELEGATE_ID, 3);

        assertThat(outcome.result().error()).get().extracting(TransactionError::code)
                .isEqualTo("CALL_DEPTH_EXCEEDED");
        assertThat(outcome.writes()).containsOnlyKeys(payer.publicKey());
    }
}
