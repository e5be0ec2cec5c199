package network.mira.core.store;

/**
 * Fixed-width big-endian u64 keys. RocksDB orders keys as unsigned bytes, so big-endian makes
 * height keys sort numerically (little-endian, our wire format, would not). Values are treated as
 * unsigned: a negative long sorts after every non-negative one, like {@link Long#compareUnsigned}.
 */
public final class BigEndian {
    public static final int U64_BYTES = 8;

    private BigEndian() {}

    public static byte[] u64(long value) {
        byte[] out = new byte[U64_BYTES];
        writeU64(out, 0, value);
        return out;
    }

    public static void writeU64(byte[] target, int offset, long value) {
        for (int i = 0; i < U64_BYTES; i++) {
            target[offset + i] = (byte) (value >>> (8 * (U64_BYTES - 1 - i)));
        }
    }

    /** @throws IllegalArgumentException if {@code bytes} is not exactly 8 bytes */
    public static long readU64(byte[] bytes) {
        if (bytes.length != U64_BYTES) {
            throw new IllegalArgumentException("u64 key must be 8 bytes, got " + bytes.length);
        }
        return readU64(bytes, 0);
    }

    public static long readU64(byte[] bytes, int offset) {
        if (offset < 0 || offset > bytes.length - U64_BYTES) {
            throw new IllegalArgumentException(
                    "u64 at offset " + offset + " does not fit in " + bytes.length + " bytes");
        }
        long value = 0;
        for (int i = 0; i < U64_BYTES; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    /** {@code prefix || u64(value)}: a composite key that sorts by prefix, then numerically. */
    public static byte[] withU64Suffix(byte[] prefix, long value) {
        byte[] out = new byte[prefix.length + U64_BYTES];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        writeU64(out, prefix.length, value);
        return out;
    }
}
