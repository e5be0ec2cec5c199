package network.mira.svm.program.computebudget;

import network.mira.core.crypto.PublicKey;
import network.mira.svm.InstructionException;
import network.mira.svm.InvokeContext;
import network.mira.svm.NativeProgram;
import network.mira.svm.program.InstructionDecodeException;

/**
 * Compute Budget instructions are read before execution ({@code ComputeBudgetRequest}: the unit
 * limit, the priority fee); at execution time they only have to be well formed, and cost their
 * entry in the cost table like any instruction.
 */
public final class ComputeBudgetProgramRuntime implements NativeProgram {
    @Override
    public PublicKey id() {
        return ComputeBudgetProgram.ID;
    }

    @Override
    public void validate(byte[] instructionData) throws InstructionDecodeException {
        ComputeBudgetInstruction.decode(instructionData);
    }

    @Override
    public void execute(InvokeContext context) throws InstructionException {
        try {
            ComputeBudgetInstruction.decode(context.data());
        } catch (InstructionDecodeException e) {
            throw new InstructionException("INVALID_INSTRUCTION_DATA", e.getMessage());
        }
    }
}
