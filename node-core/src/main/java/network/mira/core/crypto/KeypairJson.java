package network.mira.core.crypto;

import java.util.Arrays;

/**
 * The Solana CLI keypair text: a JSON array of 64 integers 0..255. node-core carries no JSON
 * library, and this one shape is all we accept, so it is parsed here by hand and strictly: any
 * other JSON (objects, strings, fractions, exponents, leading zeros) is refused with the offset.
 */
final class KeypairJson {
    private final String text;
    private int offset;

    private KeypairJson(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException saying what is wrong and where; the caller adds the file name */
    static byte[] parse(String text) {
        return new KeypairJson(text).parseArray();
    }

    /** Compact form, as solana-keygen writes it: {@code [1,2,3]}. */
    static String format(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 4 + 2).append('[');
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(bytes[i] & 0xFF);
        }
        return out.append(']').toString();
    }

    private byte[] parseArray() {
        skipWhitespace();
        if (atEnd() || text.charAt(offset) != '[') {
            throw new IllegalArgumentException("not a JSON array: expected '[' at offset " + offset + ", found "
                    + describeHere());
        }
        offset++;
        byte[] values = new byte[KeyPair.SOLANA_SECRET_KEY_LENGTH];
        int count = 0;
        skipWhitespace();
        if (!atEnd() && text.charAt(offset) == ']') {
            offset++;
        } else {
            while (true) {
                skipWhitespace();
                int value = parseByte(count);
                if (count < values.length) {
                    values[count] = (byte) value;
                }
                count++;
                skipWhitespace();
                if (atEnd()) {
                    throw new IllegalArgumentException("not a JSON array: missing ']' at end of input");
                }
                char separator = text.charAt(offset++);
                if (separator == ']') {
                    break;
                }
                if (separator != ',') {
                    throw new IllegalArgumentException("expected ',' or ']' at offset " + (offset - 1)
                            + ", found '" + separator + "'");
                }
            }
        }
        skipWhitespace();
        if (!atEnd()) {
            Arrays.fill(values, (byte) 0);
            throw new IllegalArgumentException("unexpected " + describeHere() + " after the array at offset " + offset);
        }
        if (count != values.length) {
            Arrays.fill(values, (byte) 0);
            throw new IllegalArgumentException("expected " + values.length + " numbers, found " + count);
        }
        return values;
    }

    private int parseByte(int index) {
        int start = offset;
        if (!atEnd() && text.charAt(offset) == '-') {
            offset++;
        }
        while (!atEnd() && text.charAt(offset) >= '0' && text.charAt(offset) <= '9') {
            offset++;
        }
        String literal = text.substring(start, offset);
        boolean negative = literal.startsWith("-");
        String digits = negative ? literal.substring(1) : literal;
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("expected a number at offset " + start + ", found " + describeHere());
        }
        if (!atEnd() && (text.charAt(offset) == '.' || text.charAt(offset) == 'e' || text.charAt(offset) == 'E')) {
            throw new IllegalArgumentException("value at index " + index + " (offset " + start + ") is not an integer");
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw new IllegalArgumentException("value " + literal + " at index " + index + " has a leading zero");
        }
        // More than three digits can only be out of range; do not parse arbitrarily long numbers.
        if (negative || digits.length() > 3 || Integer.parseInt(digits) > 255) {
            throw new IllegalArgumentException("value " + abbreviate(literal) + " at index " + index
                    + " is out of range 0..255");
        }
        return Integer.parseInt(digits);
    }

    private void skipWhitespace() {
        while (!atEnd()) {
            char c = text.charAt(offset);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            offset++;
        }
    }

    private boolean atEnd() {
        return offset >= text.length();
    }

    private String describeHere() {
        return atEnd() ? "end of input" : "'" + text.charAt(offset) + "'";
    }

    private static String abbreviate(String literal) {
        return literal.length() <= 12 ? literal : literal.substring(0, 12) + "...";
    }
}
