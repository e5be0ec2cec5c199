package network.mira.core.codec;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteWriter} wrote. Stored and received bytes are hostile until decoded: every
 * read is bounds-checked and failures say what was being read and where.
 */
public final class ByteReader {
    private final byte[] data;
    private int position;

    public ByteReader(byte[] data) {
        this.data = data;
    }

    public int u8(String what) throws DecodeException {
        require(1, what);
        return data[position++] & 0xFF;
    }

    public boolean bool(String what) throws DecodeException {
        int value = u8(what);
        if (value > 1) {
            throw new DecodeException(what + ": boolean must be 0 or 1, got " + value + " at offset " + (position - 1));
        }
        return value == 1;
    }

    public long u32(String what) throws DecodeException {
        require(4, what);
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value |= (long) (data[position++] & 0xFF) << (8 * i);
        }
        return value;
    }

    public long u64(String what) throws DecodeException {
        require(8, what);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (long) (data[position++] & 0xFF) << (8 * i);
        }
        return value;
    }

    public byte[] raw(int length, String what) throws DecodeException {
        require(length, what);
        byte[] out = new byte[length];
        System.arraycopy(data, position, out, 0, length);
        position += length;
        return out;
    }

    /** A u32-length-prefixed byte string of at most {@code maxLength} bytes. */
    public byte[] bytes(int maxLength, String what) throws DecodeException {
        long length = u32(what + " length");
        if (length > maxLength) {
            throw new DecodeException(what + ": length " + length + " exceeds maximum " + maxLength);
        }
        return raw((int) length, what);
    }

    public String string(int maxLength, String what) throws DecodeException {
        return new String(bytes(maxLength, what), StandardCharsets.UTF_8);
    }

    public int remaining() {
        return data.length - position;
    }

    /** Call after the last field: trailing bytes mean the input is not what we think it is. */
    public void expectEnd(String what) throws DecodeException {
        if (remaining() != 0) {
            throw new DecodeException(what + ": " + remaining() + " trailing bytes");
        }
    }

    private void require(int length, String what) throws DecodeException {
        if (length < 0 || remaining() < length) {
            throw new DecodeException(
                    what + ": truncated, need " + length + " bytes at offset " + position + ", " + remaining() + " left");
        }
    }
}
