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

    /**
     * Base conversion digit by digit in a fixed buffer: no BigInteger, because every address and
     * signature on the RPC path goes through here and BigInteger division dominated its cost.
     */
    public static String encode(byte[] input) {
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) {
            zeros++;
        }
        // log(256) / log(58) < 1.38: enough base-58 digits for the remaining bytes.
        byte[] digits = new byte[(input.length - zeros) * 138 / 100 + 1];
        int used = 0;
        for (int i = zeros; i < input.length; i++) {
            int carry = input[i] & 0xFF;
            int j = 0;
            for (int k = digits.length - 1; (carry != 0 || j < used) && k >= 0; k--, j++) {
                carry += 256 * (digits[k] & 0xFF);
                digits[k] = (byte) (carry % 58);
                carry /= 58;
            }
            used = j;
        }
        int first = digits.length - used;
        while (first < digits.length && digits[first] == 0) {
            first++;
        }
        StringBuilder out = new StringBuilder(zeros + digits.length - first);
        for (int i = 0; i < zeros; i++) {
            out.append(ALPHABET[0]);
        }
        for (int i = first; i < digits.length; i++) {
            out.append(ALPHABET[digits[i]]);
        }
        return out.toString();
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
