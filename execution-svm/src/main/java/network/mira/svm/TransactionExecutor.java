package network.mira.svm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    public TransactionResult execute(Transaction transaction, AccountOverlay state, BlockContext block)
            throws TransactionRejectedException {
        Message message = transaction.message();
        long fee = block.feeFor(message.header().numRequiredSignatures());
        chargeFee(message.feePayer(), fee, state);
        TransactionAccounts accounts = new TransactionAccounts(message.accountKeys(), state, systemProgramId);
        List<CompiledInstruction> instructions = message.instructions();
        for (int i = 0; i < instructions.size(); i++) {
            try {
                runInstruction(message, instructions.get(i), accounts, block);
            } catch (InstructionException e) {
                return new TransactionResult(transaction.id(), fee, Optional.of(TransactionError.of(e, i)));
            }
        }
        commit(message, accounts, state);
        return new TransactionResult(transaction.id(), fee, Optional.empty());
    }

    private void chargeFee(PublicKey feePayer, long fee, AccountOverlay state) throws TransactionRejectedException {
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
        state.put(feePayer, payer.withLamports(payer.lamports() - fee));
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

    private static void commit(Message message, TransactionAccounts accounts, AccountOverlay state) {
        for (int i = 0; i < accounts.size(); i++) {
            if (!message.isWritable(i)) {
                continue;
            }
            PublicKey key = accounts.key(i);
            Account now = accounts.get(i);
            Account current = state.get(key).orElse(null);
            if (current == null ? !now.isEmpty() : !current.equals(now)) {
                state.put(key, now);
            }
        }
    }
}
