package network.mira.verification.claims;

/**
 * The one written form of a claim, so that equal claims hash equally: whitespace runs become one
 * space, then leading list markers and trailing {@code . ! ? , ; :} are removed (repeatedly, until
 * neither applies), and the ends are trimmed. Letters keep their case (case-folding belongs to
 * matching, not to what is recorded) and non-ASCII characters are kept exactly as sent: no Unicode
 * normalization, so {@code é} as one code point and as {@code e} plus a combining accent are two
 * different claims.
 */
final class ClaimNormalizer {
    private ClaimNormalizer() {}

    static String normalize(String text) {
        String current = collapseWhitespace(text);
        String previous;
        do {
            previous = current;
            current = stripTrailingPunctuation(current.substring(ListMarkers.skipLeading(current)));
        } while (!current.equals(previous));
        return current;
    }

    /** True when the claim has something to judge: an ASCII letter or digit, or a non-ASCII character. */
    static boolean hasContent(String claim) {
        for (int i = 0; i < claim.length(); i++) {
            if (Ascii.isContent(claim.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String collapseWhitespace(String text) {
        StringBuilder collapsed = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Ascii.isWhitespace(c)) {
                pendingSpace = collapsed.length() > 0;
            } else {
                if (pendingSpace) {
                    collapsed.append(' ');
                    pendingSpace = false;
                }
                collapsed.append(c);
            }
        }
        return collapsed.toString();
    }

    private static String stripTrailingPunctuation(String text) {
        int end = text.length();
        while (end > 0 && isTrailingStrippable(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static boolean isTrailingStrippable(char c) {
        return c == ' ' || c == '.' || c == '!' || c == '?' || c == ',' || c == ';' || c == ':';
    }
}
