package network.mira.svm.program.system;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.program.InstructionDecodeException;

/**
 * The System program instructions Mira supports, in Solana's bincode encoding: a u32
 * little-endian discriminant, then fixed-size fields (u64 little endian, 32-byte keys). u64
 * amounts are carried in a {@code long} with their bits unchanged; values of 2^63 and above are
 * therefore negative in Java and must be read with {@link Long#compareUnsigned} or
 * {@link Long#toUnsignedString}.
 */
public sealed interface SystemInstruction {

    /** Bytes of the encoding, discriminant included. */
    byte[] encode();

    /**
     * @throws InstructionDecodeException for short or overlong data, an unknown discriminant, or
     *     a Solana instruction that Mira does not support (the message names it)
     */
    static SystemInstruction decode(byte[] data) throws InstructionDecodeException {
        return SystemInstructionDecoder.decode(data);
    }

    /** Discriminant 0. */
    record CreateAccount(long lamports, long space, PublicKey owner) implements SystemInstruction {
        public static final int DISCRIMINANT = 0;
        static final int ENCODED_LENGTH = 4 + 8 + 8 + PublicKey.LENGTH;

        public CreateAccount {
            Objects.requireNonNull(owner, "owner");
        }

        @Override
        public byte[] encode() {
            ByteBuffer out = start(ENCODED_LENGTH, DISCRIMINANT).putLong(lamports).putLong(space);
            owner.copyTo(out.array(), out.position());
            return out.array();
        }
    }

    /** Discriminant 1. */
    record Assign(PublicKey owner) implements SystemInstruction {
        public static final int DISCRIMINANT = 1;
        static final int ENCODED_LENGTH = 4 + PublicKey.LENGTH;

        public Assign {
            Objects.requireNonNull(owner, "owner");
        }

        @Override
        public byte[] encode() {
            ByteBuffer out = start(ENCODED_LENGTH, DISCRIMINANT);
            owner.copyTo(out.array(), out.position());
            return out.array();
        }
    }

    /** Discriminant 2. */
    record Transfer(long lamports) implements SystemInstruction {
        public static final int DISCRIMINANT = 2;
        static final int ENCODED_LENGTH = 4 + 8;

        @Override
        public byte[] encode() {
            return start(ENCODED_LENGTH, DISCRIMINANT).putLong(lamports).array();
        }
    }

    /** Discriminant 8. */
    record Allocate(long space) implements SystemInstruction {
        public static final int DISCRIMINANT = 8;
        static final int ENCODED_LENGTH = 4 + 8;

        @Override
        public byte[] encode() {
            return start(ENCODED_LENGTH, DISCRIMINANT).putLong(space).array();
        }
    }

    private static ByteBuffer start(int length, int discriminant) {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN).putInt(discriminant);
    }
}
