package network.mira.verification.claims;

/**
 * The only character classes the claim rules use. All are ASCII ranges written out, so they mean the
 * same on every JDK; every non-ASCII character is an ordinary character, neither space nor punctuation.
 */
final class Ascii {
    private Ascii() {}

    /** Space, TAB and LF; the only whitespace the rules know (CR and other controls are refused earlier). */
    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n';
    }

    static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Sentence terminators. */
    static boolean isTerminator(char c) {
        return c == '.' || c == '!' || c == '?';
    }

    static char toLowerCase(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** Content for a claim: an ASCII letter or digit, or any non-ASCII character (letters of other scripts). */
    static boolean isContent(char c) {
        return isLetter(c) || isDigit(c) || c >= 0x80;
    }
}
