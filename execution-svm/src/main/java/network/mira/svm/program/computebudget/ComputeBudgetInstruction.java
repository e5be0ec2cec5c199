package network.mira.svm.program.computebudget;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import network.mira.svm.program.InstructionDecodeException;

/**
 * Compute Budget instructions in Solana's borsh encoding: a one-byte tag, then little-endian
 * fields. u32 fields are held in a {@code long} so the full unsigned range fits; the u64 price
 * keeps its bits unchanged (values of 2^63 and above are negative in Java).
 */
public sealed interface ComputeBudgetInstruction {

    byte[] encode();

    /** @throws InstructionDecodeException for an unknown or unsupported tag, or a wrong length */
    static ComputeBudgetInstruction decode(byte[] data) throws InstructionDecodeException {
        return ComputeBudgetInstructionDecoder.decode(data);
    }

    /** Tag 1: heap size for the transaction, in bytes. */
    record RequestHeapFrame(long bytes) implements ComputeBudgetInstruction {
        public static final int TAG = 1;

        public RequestHeapFrame {
            checkU32(bytes, "heap frame bytes");
        }

        @Override
        public byte[] encode() {
            return start(5, TAG).putInt((int) bytes).array();
        }
    }

    /** Tag 2: the most compute units the transaction may consume. */
    record SetComputeUnitLimit(long units) implements ComputeBudgetInstruction {
        public static final int TAG = 2;

        public SetComputeUnitLimit {
            checkU32(units, "compute unit limit");
        }

        @Override
        public byte[] encode() {
            return start(5, TAG).putInt((int) units).array();
        }
    }

    /** Tag 3: priority fee per compute unit, in micro-lamports (u64). */
    record SetComputeUnitPrice(long microLamports) implements ComputeBudgetInstruction {
        public static final int TAG = 3;

        @Override
        public byte[] encode() {
            return start(9, TAG).putLong(microLamports).array();
        }
    }

    /** Tag 4: the most account data, in bytes, the transaction may load. */
    record SetLoadedAccountsDataSizeLimit(long bytes) implements ComputeBudgetInstruction {
        public static final int TAG = 4;

        public SetLoadedAccountsDataSizeLimit {
            checkU32(bytes, "loaded accounts data size limit");
        }

        @Override
        public byte[] encode() {
            return start(5, TAG).putInt((int) bytes).array();
        }
    }

    private static ByteBuffer start(int length, int tag) {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN).put((byte) tag);
    }

    private static void checkU32(long value, String what) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " must be a u32 (0..4294967295), got " + value);
        }
    }
}
