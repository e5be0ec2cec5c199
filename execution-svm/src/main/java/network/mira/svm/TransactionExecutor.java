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
import network.mira.svm.compute.ComputeBudgetRequest;
import network.mira.svm.compute.ComputeMeter;
import network.mira.svm.compute.CostTable;
import network.mira.svm.compute.Fees;
import network.mira.svm.program.InstructionDecodeException;

/**
 * Executes one transaction against pending state: read its compute budget, charge the fee (base
 * plus priority), then run every instruction on working copies, charging each instruction's cost
 * from {@link CostTable} before it runs; commit the copies only if all instructions succeed. A
 * failed transaction keeps only its fee debit, so the fee is paid whatever happens.
 */
public final class TransactionExecutor {
    private final ProgramRegistry programs;
    private final PublicKey systemProgramId;

    /** @throws IllegalArgumentException when a registered program has no compute cost */
    public TransactionExecutor(ProgramRegistry programs, PublicKey systemProgramId) {
        for (PublicKey id : programs.ids()) {
            if (programs.get(id).orElseThrow().computeUnitsPerInstruction().isEmpty()) {
                throw new IllegalArgumentException("program " + id + " has no compute cost");
            }
        }
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
     *
     * @throws TransactionRejectedException when the fee payer cannot be charged; the transaction
     *     then belongs in no block
     */
    public TransactionOutcome run(Transaction transaction, AccountReader state, BlockContext block)
            throws TransactionRejectedException {
        Message message = transaction.message();
        ComputeBudgetRequest budget;
        try {
            budget = ComputeBudgetRequest.of(message, block.compute());
        } catch (InstructionDecodeException e) {
            // Admission refuses these; one that got here anyway pays the base fee and does nothing.
            long fee = Fees.baseFee(block.lamportsPerSignature(), message.header().numRequiredSignatures());
            Account charged = chargedFeePayer(message.feePayer(), fee, state);
            return failed(transaction, fee, new TransactionError("INVALID_INSTRUCTION_DATA", -1, e.getMessage()), 0,
                    charged);
        }
        long fee = Fees.total(block.lamportsPerSignature(), message, budget);
        Account charged = chargedFeePayer(message.feePayer(), fee, state);
        TransactionAccounts accounts = new TransactionAccounts(message.accountKeys(), state, systemProgramId);
        accounts.set(0, charged);
        ComputeMeter meter = new ComputeMeter(budget.unitLimit());
        List<CompiledInstruction> instructions = message.instructions();
        for (int i = 0; i < instructions.size(); i++) {
            try {
                runInstruction(transaction, instructions.get(i), accounts, block, meter);
            } catch (InstructionException e) {
                return failed(transaction, fee, TransactionError.of(e, i), meter.consumed(), charged);
            }
        }
        return new TransactionOutcome(new TransactionResult(transaction.id(), fee, Optional.empty(), meter.consumed()),
                changedWritableAccounts(message, accounts, state));
    }

    private static TransactionOutcome failed(Transaction transaction, long fee, TransactionError error,
                                             long computeUnitsConsumed, Account chargedFeePayer) {
        TransactionResult result = new TransactionResult(transaction.id(), fee, Optional.of(error), computeUnitsConsumed);
        return new TransactionOutcome(result, new TreeMap<>(Map.of(transaction.message().feePayer(), chargedFeePayer)));
    }

    /** The fee payer after paying {@code fee}. */
    private Account chargedFeePayer(PublicKey feePayer, long fee, AccountReader state)
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
        return payer.withLamports(payer.lamports() - fee);
    }

    private void runInstruction(Transaction transaction, CompiledInstruction instruction,
                                TransactionAccounts accounts, BlockContext block, ComputeMeter meter)
            throws InstructionException {
        Message message = transaction.message();
        PublicKey programId = message.programId(instruction);
        byte[] indexes = instruction.accountIndexes();
        List<InstructionAccount> instructionAccounts = new ArrayList<>(indexes.length);
        for (byte raw : indexes) {
            int index = raw & 0xFF;
            instructionAccounts.add(new InstructionAccount(message.accountKeys().get(index),
                    message.isSigner(index), message.isWritable(index), accounts, index));
        }
        // What the invoked program did is judged by the rules against the invoked program; the
        // invoker is then judged only for its own changes, as Solana does across a CPI.
        Account[] before = accounts.snapshot();
        InvokeContext.Invoker inner = (innerProgram, innerAccounts, innerData) -> {
            run(transaction, innerProgram, innerData, innerAccounts, accounts, block, meter, NO_NESTING,
                    accounts.snapshot());
            for (InstructionAccount touched : innerAccounts) {
                before[touched.transactionIndex()] = accounts.get(touched.transactionIndex());
            }
        };
        run(transaction, programId, instruction.data(), instructionAccounts, accounts, block, meter, inner, before);
    }

    /** The invoker of an invoked program: invocations do not nest. */
    private static final InvokeContext.Invoker NO_NESTING = (program, accounts, data) -> {
        throw new InstructionException("CALL_DEPTH_EXCEEDED", "an invoked program may not invoke " + program);
    };

    /** Charges the program's cost, runs it, and checks the account rules against {@code before}. */
    private void run(Transaction transaction, PublicKey programId, byte[] data, List<InstructionAccount> instructionAccounts,
                     TransactionAccounts accounts, BlockContext block, ComputeMeter meter, InvokeContext.Invoker invoker,
                     Account[] before) throws InstructionException {
        NativeProgram program = programs.get(programId).orElseThrow(() ->
                new InstructionException("UNKNOWN_PROGRAM", "program " + programId + " does not exist"));
        meter.consume(program.computeUnitsPerInstruction().orElseThrow());
        program.execute(new InvokeContext(programId, data, instructionAccounts, block, meter, transaction.id(),
                program.mayGrantSignatures(), invoker));
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
