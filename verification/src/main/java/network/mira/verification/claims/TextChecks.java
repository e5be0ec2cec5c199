package network.mira.verification.claims;

import java.util.Locale;
import network.mira.verification.claims.ClaimsRefusedException.Reason;

/**
 * Size and character checks on submitted text, computed from the UTF-16 chars themselves so that
 * no charset encoder (which would silently replace a bad surrogate) is involved. The surrogate
 * tests are the fixed UTF-16 ranges (U+D800..U+DBFF high, U+DC00..U+DFFF low), not Unicode tables.
 */
final class TextChecks {
    private TextChecks() {}

    /**
     * The length of the text's UTF-8 encoding. A surrogate that is not part of a pair (which makes
     * the text invalid) counts 3 bytes, as it would in WTF-8, so that length can be checked first.
     */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Refuses C0 and C1 control characters (U+0000..U+001F, U+007F..U+009F) other than LF and TAB,
     * and unpaired surrogates. Fixed ranges, not {@code Character.getType}: the rule must not move
     * with the JDK's Unicode version. CR is refused too: one line-break convention, one set of claims.
     *
     * @param what names the text in the message, e.g. "text" or "claim 3"
     */
    static void checkCharacters(String text, String what) throws ClaimsRefusedException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isRefusedControl(c)) {
                throw new ClaimsRefusedException(Reason.INVALID_TEXT, what + ": character " + codePoint(c)
                        + " at UTF-16 index " + i + " is a control character; only LF and TAB are allowed");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ClaimsRefusedException(Reason.INVALID_TEXT, what + ": unpaired surrogate " + codePoint(c)
                        + " at UTF-16 index " + i + " is not valid UTF-16");
            }
        }
    }

    private static boolean isRefusedControl(char c) {
        boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
        return control && c != '\n' && c != '\t';
    }

    private static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }
}
