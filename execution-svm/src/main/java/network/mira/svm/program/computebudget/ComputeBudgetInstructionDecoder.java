package network.mira.svm.program.computebudget;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import network.mira.svm.program.InstructionDecodeException;

/** Decodes Compute Budget instruction data; see {@link ComputeBudgetInstruction}. */
final class ComputeBudgetInstructionDecoder {
    private ComputeBudgetInstructionDecoder() {}

    static ComputeBudgetInstruction decode(byte[] data) throws InstructionDecodeException {
        if (data.length == 0) {
            throw new InstructionDecodeException("compute budget instruction data is empty");
        }
        int tag = data[0] & 0xFF;
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).position(1);
        switch (tag) {
            case ComputeBudgetInstruction.RequestHeapFrame.TAG:
                requireLength(data, tag, "RequestHeapFrame", 5);
                return new ComputeBudgetInstruction.RequestHeapFrame(Integer.toUnsignedLong(in.getInt()));
            case ComputeBudgetInstruction.SetComputeUnitLimit.TAG:
                requireLength(data, tag, "SetComputeUnitLimit", 5);
                return new ComputeBudgetInstruction.SetComputeUnitLimit(Integer.toUnsignedLong(in.getInt()));
            case ComputeBudgetInstruction.SetComputeUnitPrice.TAG:
                requireLength(data, tag, "SetComputeUnitPrice", 9);
                return new ComputeBudgetInstruction.SetComputeUnitPrice(in.getLong());
            case ComputeBudgetInstruction.SetLoadedAccountsDataSizeLimit.TAG:
                requireLength(data, tag, "SetLoadedAccountsDataSizeLimit", 5);
                return new ComputeBudgetInstruction.SetLoadedAccountsDataSizeLimit(Integer.toUnsignedLong(in.getInt()));
            case 0:
                // Solana retired tag 0 and refuses it too.
                throw new InstructionDecodeException(
                        "compute budget instruction 0 (Unused, formerly RequestUnitsDeprecated) is not supported");
            default:
                throw new InstructionDecodeException("unknown compute budget instruction " + tag);
        }
    }

    private static void requireLength(byte[] data, int tag, String name, int expected)
            throws InstructionDecodeException {
        if (data.length != expected) {
            throw new InstructionDecodeException("compute budget instruction " + tag + " (" + name + ") must be "
                    + expected + " bytes, got " + data.length
                    + (data.length > expected ? " (trailing bytes)" : " (truncated)"));
        }
    }
}
