package network.mira.svm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.CompiledInstruction;
import network.mira.core.tx.Message;
import network.mira.core.tx.Transaction;

/**
 * Executes one transaction against pending state: charge the fee, then run every instruction on
 * working copies; commit the copies only if all instructions succeed. A failed transaction keeps
 * only its fee debit, so the fee is paid whatever happens.
 */
public final class TransactionExecutor {
    private final ProgramRegistry programs;
    private final PublicKey systemProgramId;

    public TransactionExecutor(ProgramRegistry programs, PublicKey systemProgramId) {
        this.programs = programs;
        this.systemProgramId = systemProgramId;
    }

    /** Executes and applies the outcome to {@code state}; the serial path. */
    public TransactionResult execute(Transaction transaction, AccountOverlay state, BlockContext block)
            throws TransactionRejectedException {
        TransactionOutcome outcome = run(transaction, state, block);
        outcome.writes().forEach(state::put);
        return outcome.result();
    }

    /**
     * Executes against {@code state} without changing it. Safe to call from several threads at
     * once as long as nobody writes {@code state} meanwhile and the transactions do not conflict.
     */
    public TransactionOutcome run(Transaction transaction, AccountReader state, BlockContext block)
            throws TransactionRejectedException {
        Message message = transaction.message();
        long fee = block.feeFor(message.header().numRequiredSignatures());
        Account payer = chargeableFeePayer(message.feePayer(), fee, state);
        TransactionAccounts accounts = new TransactionAccounts(message.accountKeys(), state, systemProgramId);
        Account charged = payer.withLamports(payer.lamports() - fee);
        accounts.set(0, charged);
        List<CompiledInstruction> instructions = message.instructions();
        for (int i = 0; i < instructions.size(); i++) {
            try {
                runInstruction(message, instructions.get(i), accounts, block);
            } catch (InstructionException e) {
                TransactionResult failed = new TransactionResult(transaction.id(), fee, Optional.of(TransactionError.of(e, i)));
                return new TransactionOutcome(failed, new TreeMap<>(Map.of(message.feePayer(), charged)));
            }
        }
        return new TransactionOutcome(new TransactionResult(transaction.id(), fee, Optional.empty()),
                changedWritableAccounts(message, accounts, state));
    }

    private Account chargeableFeePayer(PublicKey feePayer, long fee, AccountReader state)
            throws TransactionRejectedException {
        Account payer = state.get(feePayer).orElseThrow(() -> new TransactionRejectedException(
                "FEE_PAYER_NOT_FOUND", "fee payer " + feePayer + " has no account"));
        if (!payer.owner().equals(systemProgramId) || payer.dataLength() != 0) {
            throw new TransactionRejectedException("INVALID_FEE_PAYER",
                    "fee payer " + feePayer + " must be a system account without data");
        }
        if (payer.lamports() < fee) {
            throw new TransactionRejectedException("INSUFFICIENT_FUNDS_FOR_FEE",
                    "fee payer " + feePayer + " has " + payer.lamports() + " lamports, fee is " + fee);
        }
        return payer;
    }

    private void runInstruction(Message message, CompiledInstruction instruction, TransactionAccounts accounts,
                                BlockContext block) throws InstructionException {
        PublicKey programId = message.programId(instruction);
        NativeProgram program = programs.get(programId).orElseThrow(() ->
                new InstructionException("UNKNOWN_PROGRAM", "program " + programId + " does not exist"));
        byte[] indexes = instruction.accountIndexes();
        List<InstructionAccount> instructionAccounts = new ArrayList<>(indexes.length);
        for (byte raw : indexes) {
            int index = raw & 0xFF;
            instructionAccounts.add(new InstructionAccount(message.accountKeys().get(index),
                    message.isSigner(index), message.isWritable(index), accounts, index));
        }
        Account[] before = accounts.snapshot();
        program.execute(new InvokeContext(programId, instruction.data(), instructionAccounts, block));
        AccountRules.check(programId, instructionAccounts, before, accounts);
    }

    private static SortedMap<PublicKey, Account> changedWritableAccounts(Message message, TransactionAccounts accounts,
                                                                        AccountReader state) {
        SortedMap<PublicKey, Account> writes = new TreeMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            if (!message.isWritable(i)) {
                continue;
            }
            PublicKey key = accounts.key(i);
            Account now = accounts.get(i);
            Account before = state.get(key).orElse(null);
            if (before == null ? !now.isEmpty() : !before.equals(now)) {
                writes.put(key, now);
            }
        }
        return writes;
    }
}
