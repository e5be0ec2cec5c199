package network.mira.settlement.mempool;

import java.util.Arrays;
import java.util.List;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.CompiledInstruction;
import network.mira.core.tx.Message;
import network.mira.core.tx.Transaction;
import network.mira.core.tx.WireFormatException;
import network.mira.svm.NativeProgram;
import network.mira.svm.ProgramRegistry;
import network.mira.svm.compute.ComputeBudgetRequest;
import network.mira.svm.compute.Fees;
import network.mira.svm.program.InstructionDecodeException;

/**
 * The door of the node: every check a transaction must pass before it may wait in the mempool,
 * cheapest first. Stateless apart from what it reads through {@link ChainView}.
 */
public final class TransactionAdmission {
    private final ChainView chain;
    private final ProgramRegistry programs;
    private final PublicKey systemProgramId;

    public TransactionAdmission(ChainView chain, ProgramRegistry programs, PublicKey systemProgramId) {
        this.chain = chain;
        this.programs = programs;
        this.systemProgramId = systemProgramId;
    }

    /** Either the decoded transaction or the refusal. */
    public sealed interface Verdict permits Admitted, Refused {}

    public record Admitted(Transaction transaction) implements Verdict {}

    public record Refused(RefusalReason reason, String message) implements Verdict {}

    public Verdict check(byte[] bytes) {
        if (bytes.length > Transaction.MAX_SIZE) {
            return new Refused(RefusalReason.OVERSIZE,
                    "transaction is " + bytes.length + " bytes, the limit is " + Transaction.MAX_SIZE);
        }
        Transaction transaction;
        try {
            transaction = Transaction.decode(bytes);
        } catch (WireFormatException e) {
            return new Refused(RefusalReason.UNDECODABLE, e.getMessage());
        }
        Verdict signatures = checkSignatures(transaction);
        if (signatures != null) {
            return signatures;
        }
        Verdict blockhash = checkBlockhash(transaction.message());
        if (blockhash != null) {
            return blockhash;
        }
        if (chain.isProcessed(transaction.id())) {
            return new Refused(RefusalReason.DUPLICATE, "transaction " + transaction.id() + " was already processed");
        }
        Verdict instructions = checkInstructions(transaction.message());
        if (instructions != null) {
            return instructions;
        }
        ComputeBudgetRequest budget;
        try {
            budget = ComputeBudgetRequest.of(transaction.message(), chain.compute());
        } catch (InstructionDecodeException e) {
            return new Refused(RefusalReason.MALFORMED_INSTRUCTION_DATA, e.getMessage());
        }
        Verdict fee = checkFeePayer(transaction.message(), budget);
        return fee != null ? fee : new Admitted(transaction);
    }

    private static Verdict checkSignatures(Transaction transaction) {
        byte[] zero = new byte[64];
        for (int i = 0; i < transaction.signatures().size(); i++) {
            if (Arrays.equals(transaction.signatures().get(i).bytes(), zero)) {
                return new Refused(RefusalReason.MISSING_SIGNATURE, "signature " + i + " of "
                        + transaction.message().accountKeys().get(i) + " is missing");
            }
        }
        List<Boolean> valid = transaction.verifySignatures();
        for (int i = 0; i < valid.size(); i++) {
            if (!valid.get(i)) {
                return new Refused(RefusalReason.BAD_SIGNATURE, "signature " + i + " does not verify for "
                        + transaction.message().accountKeys().get(i));
            }
        }
        return null;
    }

    private Verdict checkBlockhash(Message message) {
        var height = chain.heightOf(message.recentBlockhash());
        if (height.isEmpty()) {
            return new Refused(RefusalReason.BLOCKHASH_NOT_FOUND,
                    "blockhash " + message.recentBlockhash() + " is not a finalized block of this chain");
        }
        long age = chain.finalizedHeight() - height.get();
        if (age > chain.blockhashMaxAgeBlocks()) {
            return new Refused(RefusalReason.BLOCKHASH_EXPIRED, "blockhash " + message.recentBlockhash() + " is "
                    + age + " blocks old, the limit is " + chain.blockhashMaxAgeBlocks());
        }
        return null;
    }

    private Verdict checkInstructions(Message message) {
        List<CompiledInstruction> instructions = message.instructions();
        for (int i = 0; i < instructions.size(); i++) {
            PublicKey programId = message.programId(instructions.get(i));
            var program = programs.get(programId);
            if (program.isEmpty()) {
                return new Refused(RefusalReason.UNKNOWN_PROGRAM,
                        "instruction " + i + " calls unknown program " + programId);
            }
            try {
                validate(program.get(), instructions.get(i));
            } catch (InstructionDecodeException e) {
                return new Refused(RefusalReason.MALFORMED_INSTRUCTION_DATA,
                        "instruction " + i + " (" + programId + "): " + e.getMessage());
            }
        }
        return null;
    }

    private static void validate(NativeProgram program, CompiledInstruction instruction)
            throws InstructionDecodeException {
        program.validate(instruction.data());
    }

    /** The payer must hold the whole fee, priority fee included, as execution will charge it. */
    private Verdict checkFeePayer(Message message, ComputeBudgetRequest budget) {
        PublicKey payer = message.feePayer();
        long fee = Fees.total(chain.lamportsPerSignature(), message, budget);
        Account account = chain.account(payer).orElse(null);
        if (account != null && (!account.owner().equals(systemProgramId) || account.dataLength() != 0)) {
            return new Refused(RefusalReason.INVALID_FEE_PAYER,
                    "fee payer " + payer + " is owned by " + account.owner() + " or carries data");
        }
        long balance = account == null ? 0 : account.lamports();
        if (balance < fee) {
            return new Refused(RefusalReason.INSUFFICIENT_FUNDS_FOR_FEE, "fee payer " + payer + " has " + balance
                    + " lamports, the fee is " + fee + (budget.priorityFeeLamports() == 0 ? ""
                    : " (priority fee " + budget.priorityFeeLamports() + " included)"));
        }
        return null;
    }
}
