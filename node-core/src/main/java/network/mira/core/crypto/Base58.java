package network.mira.core.crypto;

import java.util.Arrays;

/** Bitcoin/Solana base58 alphabet encoding. Decoding rejects any character outside the alphabet. */
public final class Base58 {
    private static final char[] ALPHABET =
            "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] INDEXES = new int[128];
    /** Longest string we ever decode: a 64-byte signature is at most 88 characters. */
    public static final int MAX_ENCODED_LENGTH = 128;

    static {
        Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEXES[ALPHABET[i]] = i;
        }
    }

    private Base58() {}

    /** 58^5: the largest power of 58 below 2^31, so one limb holds five base-58 digits. */
    private static final long LIMB = 656_356_768L;
    private static final int DIGITS_PER_LIMB = 5;

    /**
     * Base conversion in base-58^5 limbs fed four input bytes at a time: no BigInteger, and 20x
     * fewer divisions than digit-by-digit, because every signature a block stream or a submission
     * answers with goes through here (it was 10% of node CPU under load). A limb times 2^32 plus
     * the carry stays below 2^62, so the arithmetic fits a long.
     */
    public static String encode(byte[] input) {
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) {
            zeros++;
        }
        // log(256) / log(58) < 1.38: enough base-58 digits for the remaining bytes.
        int[] limbs = new int[((input.length - zeros) * 138 / 100) / DIGITS_PER_LIMB + 2];
        int used = 0;
        int i = zeros;
        while (i < input.length) {
            // The first chunk takes the odd bytes, so every later chunk is a whole 32-bit word.
            int take = i == zeros && (input.length - zeros) % 4 != 0 ? (input.length - zeros) % 4 : 4;
            long carry = 0;
            for (int t = 0; t < take; t++) {
                carry = carry << 8 | (input[i++] & 0xFF);
            }
            int shift = 8 * take;
            for (int k = 0; k < used; k++) {
                long x = ((long) limbs[k] << shift) + carry;
                limbs[k] = (int) (x % LIMB);
                carry = x / LIMB;
            }
            while (carry != 0) {
                limbs[used++] = (int) (carry % LIMB);
                carry /= LIMB;
            }
        }
        char[] digits = new char[used * DIGITS_PER_LIMB];
        for (int k = 0; k < used; k++) {
            int limb = limbs[k];
            for (int d = 0; d < DIGITS_PER_LIMB; d++) {
                digits[digits.length - 1 - (k * DIGITS_PER_LIMB + d)] = ALPHABET[limb % 58];
                limb /= 58;
            }
        }
        int first = 0;
        while (first < digits.length && digits[first] == ALPHABET[0]) {
            first++;
        }
        StringBuilder out = new StringBuilder(zeros + digits.length - first);
        for (int z = 0; z < zeros; z++) {
            out.append(ALPHABET[0]);
        }
        return out.append(digits, first, digits.length - first).toString();
    }

    /** @throws IllegalArgumentException naming the offending character or the length */
    public static byte[] decode(String input) {
        if (input.length() > MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException("base58 string too long: " + input.length() + " characters");
        }
        int zeros = 0;
        while (zeros < input.length() && input.charAt(zeros) == ALPHABET[0]) {
            zeros++;
        }
        // log(58) / log(256) < 0.733: enough bytes for the remaining digits.
        byte[] bytes = new byte[(input.length() - zeros) * 733 / 1000 + 1];
        int used = 0;
        for (int i = zeros; i < input.length(); i++) {
            char c = input.charAt(i);
            int carry = c < 128 ? INDEXES[c] : -1;
            if (carry < 0) {
                throw new IllegalArgumentException("invalid base58 character '" + c + "' at position " + i);
            }
            int j = 0;
            for (int k = bytes.length - 1; (carry != 0 || j < used) && k >= 0; k--, j++) {
                carry += 58 * (bytes[k] & 0xFF);
                bytes[k] = (byte) carry;
                carry >>>= 8;
            }
            used = j;
        }
        int first = bytes.length - used;
        while (first < bytes.length && bytes[first] == 0) {
            first++;
        }
        byte[] out = new byte[zeros + bytes.length - first];
        System.arraycopy(bytes, first, out, zeros, bytes.length - first);
        return out;
    }
}
