package network.mira.svm;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import network.mira.core.account.Account;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.AccountMeta;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.svm.compute.ComputeParameters;
import network.mira.svm.program.InstructionDecodeException;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Solana's runtime rules hold whatever a program does: a deliberately misbehaving program tries
 * each forbidden move and the runtime fails the transaction, leaving only the fee.
 */
class RuntimeRulesTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long FEE = 5_000;
    private static final PublicKey ROGUE_ID = PublicKey.wrap(Hash.sha256("rogue".getBytes()).bytes());

    /** Does what its one-byte instruction says, allowed or not. */
    private static class RogueProgram implements NativeProgram {
        @Override
        public PublicKey id() {
            return ROGUE_ID;
        }

        @Override
        public void validate(byte[] instructionData) throws InstructionDecodeException {
            if (instructionData.length != 1) {
                throw new InstructionDecodeException("one byte expected");
            }
        }

        @Override
        public OptionalLong computeUnitsPerInstruction() {
            return OptionalLong.of(100);
        }

        @Override
        public void execute(InvokeContext context) throws InstructionException {
            InstructionAccount first = context.account(0);
            switch (context.data()[0]) {
                case 1 -> first.set(first.get().withLamports(first.get().lamports() + 1)); // mint
                case 2 -> move(first, context.account(1), 10);                               // spend unowned
                case 3 -> first.set(first.get().withData(new byte[] {42}));                // write unowned data
                case 4 -> first.set(first.get().withOwner(ROGUE_ID));                      // steal ownership
                case 5 -> move(first, context.account(1), 10);                               // owned, legitimate
                case 6 -> context.account(5);                                               // undeclared account
                default -> throw new InstructionException("INVALID_INSTRUCTION_DATA", "unknown rogue move");
            }
        }

        private static void move(InstructionAccount from, InstructionAccount to, long lamports) {
            from.set(from.get().withLamports(from.get().lamports() - lamports));
            to.set(to.get().withLamports(to.get().lamports() + lamports));
        }
    }

    private final KeyPair payer = KeyPair.generate(RANDOM);
    private final PublicKey victim = KeyPair.generate(RANDOM).publicKey();
    private final PublicKey other = KeyPair.generate(RANDOM).publicKey();
    private final Map<PublicKey, Account> committed = new HashMap<>();
    private final TransactionExecutor executor = new TransactionExecutor(new ProgramRegistry(List.of(
            new SystemProgramRuntime(), new ComputeBudgetProgramRuntime(), new RogueProgram())), SystemProgram.ID);

    private TransactionOutcome run(int move, boolean victimWritable, PublicKey victimOwner) throws Exception {
        committed.put(payer.publicKey(), Account.ofLamports(1_000_000, SystemProgram.ID));
        committed.put(victim, new Account(500, new byte[0], victimOwner, false));
        committed.put(other, new Account(500, new byte[0], victimOwner, false));
        Instruction instruction = new Instruction(ROGUE_ID, List.of(new AccountMeta(victim, false, victimWritable),
                new AccountMeta(other, false, true)), new byte[] {(byte) move});
        Transaction transaction = Transaction.sign(MessageCompiler.compileLegacy(payer.publicKey(), List.of(instruction),
                Hash.sha256(new byte[] {1})), List.of(payer));
        return executor.run(transaction, address -> Optional.ofNullable(committed.get(address)),
                new BlockContext(1, 1, FEE, ComputeParameters.SOLANA_DEFAULTS));
    }

    @ParameterizedTest(name = "move {0} -> {1}")
    @CsvSource({
            "1, UNBALANCED_INSTRUCTION",
            "2, EXTERNAL_ACCOUNT_LAMPORT_SPEND",
            "3, EXTERNAL_ACCOUNT_DATA_MODIFIED",
            "4, MODIFIED_PROGRAM_ID",
            "6, NOT_ENOUGH_ACCOUNT_KEYS"})
    void forbiddenMovesFailAndOnlyTheFeeIsCharged(int move, String code) throws Exception {
        TransactionOutcome outcome = run(move, true, SystemProgram.ID);
        assertThat(outcome.result().error()).get().extracting(TransactionError::code).isEqualTo(code);
        assertThat(outcome.result().fee()).isEqualTo(FEE);
        assertThat(outcome.writes()).containsOnlyKeys(payer.publicKey());
        assertThat(outcome.writes().get(payer.publicKey()).lamports()).isEqualTo(1_000_000 - FEE);
    }

    @Test
    void theOwnerMayMoveLamportsBetweenItsAccounts() throws Exception {
        TransactionOutcome outcome = run(5, true, ROGUE_ID);
        assertThat(outcome.result().succeeded()).isTrue();
        assertThat(outcome.writes().get(victim).lamports()).isEqualTo(490);
        assertThat(outcome.writes().get(other).lamports()).isEqualTo(510);
        assertThat(outcome.result().computeUnitsConsumed()).isEqualTo(100);
    }

    @Test
    void evenTheOwnerCannotChangeAnAccountDeclaredReadOnly() throws Exception {
        TransactionOutcome outcome = run(5, false, ROGUE_ID);
        assertThat(outcome.result().error()).get().extracting(TransactionError::code)
                .isEqualTo("READONLY_ACCOUNT_MODIFIED");
        assertThat(outcome.writes()).containsOnlyKeys(payer.publicKey());
    }
}
