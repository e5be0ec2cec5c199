package network.mira.core.tx;

import java.io.ByteArrayOutputStream;

/** Writes message bytes field by field, including invalid ones that {@link Message} refuses to build. */
final class RawMessageBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    RawMessageBytes u8(int... values) {
        for (int value : values) {
            out.write(value);
        }
        return this;
    }

    RawMessageBytes keys(int count) {
        u8(count);
        for (int i = 0; i < count; i++) {
            key(i + 1);
        }
        return this;
    }

    /** A distinct 32-byte key whose bytes are all {@code fill}. */
    RawMessageBytes key(int fill) {
        for (int i = 0; i < 32; i++) {
            out.write(fill);
        }
        return this;
    }

    RawMessageBytes blockhash() {
        for (int i = 0; i < 32; i++) {
            out.write(0xBB);
        }
        return this;
    }

    RawMessageBytes instruction(int programIdIndex, int[] accountIndexes, int dataLength) {
        u8(programIdIndex, accountIndexes.length);
        u8(accountIndexes);
        u8(dataLength);
        for (int i = 0; i < dataLength; i++) {
            out.write(i);
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
