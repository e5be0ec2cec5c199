package network.mira.core.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Canonical little-endian encoder for everything we hash or store. One encoding per value: the
 * bytes of a block header or an account are a consensus matter, so nothing here depends on the
 * platform or on iteration order.
 */
public final class ByteWriter {
    private final ByteArrayOutputStream out;

    public ByteWriter() {
        this(64);
    }

    public ByteWriter(int initialCapacity) {
        out = new ByteArrayOutputStream(initialCapacity);
    }

    public ByteWriter u8(int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("u8 out of range: " + value);
        }
        out.write(value);
        return this;
    }

    public ByteWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    public ByteWriter u32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("u32 out of range: " + value);
        }
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** Unsigned 64-bit little endian; Java's long is written as its two's-complement bits. */
    public ByteWriter u64(long value) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    public ByteWriter raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    /** u32 length prefix then the bytes. */
    public ByteWriter bytes(byte[] bytes) {
        u32(bytes.length);
        return raw(bytes);
    }

    public ByteWriter string(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
