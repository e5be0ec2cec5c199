package network.mira.core.tx;

import java.io.ByteArrayOutputStream;

/**
 * Solana's compact-u16 ("short vec") length prefix: 7 bits per byte, least significant first,
 * high bit set when another byte follows, at most 3 bytes. Decoding accepts exactly one encoding
 * per value, as Solana does, so a transaction has a single byte form and a single id.
 */
public final class ShortVec {
    public static final int MAX_VALUE = 0xFFFF;
    public static final int MAX_ENCODED_LENGTH = 3;

    /** A decoded value and how many bytes it took. */
    public record Decoded(int value, int length) {}

    private ShortVec() {}

    public static int encodedLength(int value) {
        checkRange(value);
        return value < 0x80 ? 1 : value < 0x4000 ? 2 : 3;
    }

    public static byte[] encode(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_ENCODED_LENGTH);
        encode(value, out);
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException if the value is outside 0..65535 */
    public static void encode(int value, ByteArrayOutputStream out) {
        checkRange(value);
        int remaining = value;
        while (remaining >= 0x80) {
            out.write((remaining & 0x7F) | 0x80);
            remaining >>>= 7;
        }
        out.write(remaining);
    }

    public static Decoded decode(byte[] data, int offset) throws WireFormatException {
        return decode(data, offset, "compact-u16");
    }

    /**
     * @param what names the value in error messages, e.g. "account key count"
     * @throws WireFormatException for truncated, overlong, non-canonical or too large encodings
     */
    public static Decoded decode(byte[] data, int offset, String what) throws WireFormatException {
        int value = 0;
        for (int index = 0; index < MAX_ENCODED_LENGTH; index++) {
            int position = offset + index;
            if (position >= data.length) {
                throw new WireFormatException("truncated: expected another byte of compact-u16 " + what
                        + " at offset " + position + ", 0 left");
            }
            int current = data[position] & 0xFF;
            // A zero byte after a continuation adds nothing: a second encoding of a shorter value.
            if (current == 0 && index > 0) {
                throw new WireFormatException("non-canonical compact-u16 " + what + " at offset " + offset
                        + ": byte " + index + " is a redundant zero");
            }
            if (index == MAX_ENCODED_LENGTH - 1 && (current & 0x80) != 0) {
                throw new WireFormatException("compact-u16 " + what + " at offset " + offset
                        + " is longer than " + MAX_ENCODED_LENGTH + " bytes");
            }
            value |= (current & 0x7F) << (7 * index);
            if (value > MAX_VALUE) {
                throw new WireFormatException("compact-u16 " + what + " at offset " + offset
                        + " exceeds " + MAX_VALUE);
            }
            if ((current & 0x80) == 0) {
                return new Decoded(value, index + 1);
            }
        }
        throw new AssertionError("the third byte always ends the loop");
    }

    private static void checkRange(int value) {
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException("compact-u16 value out of range 0..65535: " + value);
        }
    }
}
