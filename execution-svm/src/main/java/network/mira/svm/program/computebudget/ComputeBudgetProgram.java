package network.mira.svm.program.computebudget;

import java.util.List;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Instruction;

/** Solana's Compute Budget program id and builders; its instructions take no accounts. */
public final class ComputeBudgetProgram {
    public static final PublicKey ID = PublicKey.fromBase58("ComputeBudget111111111111111111111111111111");

    private ComputeBudgetProgram() {}

    public static Instruction requestHeapFrame(long bytes) {
        return build(new ComputeBudgetInstruction.RequestHeapFrame(bytes));
    }

    public static Instruction setComputeUnitLimit(long units) {
        return build(new ComputeBudgetInstruction.SetComputeUnitLimit(units));
    }

    /** Priority fee per compute unit, in micro-lamports (u64). */
    public static Instruction setComputeUnitPrice(long microLamports) {
        return build(new ComputeBudgetInstruction.SetComputeUnitPrice(microLamports));
    }

    public static Instruction setLoadedAccountsDataSizeLimit(long bytes) {
        return build(new ComputeBudgetInstruction.SetLoadedAccountsDataSizeLimit(bytes));
    }

    private static Instruction build(ComputeBudgetInstruction instruction) {
        return new Instruction(ID, List.of(), instruction.encode());
    }
}
