package network.mira.verification.verifier;

import java.text.Normalizer;

/**
 * The text two claims are compared by in the knowledge-base verifier. Deterministic and independent
 * of the default locale, in this order:
 * <ol>
 *   <li>Unicode NFC (a composed and a decomposed "é" match);</li>
 *   <li>ASCII case folding: {@code A}–{@code Z} become {@code a}–{@code z}, as
 *       {@code toLowerCase(Locale.ROOT)} does for ASCII; other letters are kept as they are, so the
 *       result does not depend on the JDK's Unicode case tables;</li>
 *   <li>whitespace collapsed: each run of characters that {@link Character#isWhitespace} or
 *       {@link Character#isSpaceChar} accepts (tabs, line breaks, no-break spaces, ...) becomes one
 *       space, and leading and trailing runs are removed;</li>
 *   <li>trailing punctuation dropped: while the text ends with one of {@code . , ; : ! ?} or
 *       {@code …} (U+2026), that character and any whitespace before it are removed. Punctuation
 *       inside the text ("3.14", "U.S.") and other closing characters (quotes, brackets) stay.</li>
 * </ol>
 * The result may be empty (a claim of only spaces and dots).
 */
public final class KnowledgeNormalizer {
    private static final String TRAILING_PUNCTUATION = ".,;:!?\u2026";

    private KnowledgeNormalizer() {}

    public static String normalize(String claim) {
        String text = Normalizer.normalize(claim, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (isSpace(c)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.appendCodePoint(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        return dropTrailingPunctuation(out);
    }

    private static String dropTrailingPunctuation(StringBuilder text) {
        int end = text.length();
        while (end > 0 && (TRAILING_PUNCTUATION.indexOf(text.charAt(end - 1)) >= 0 || text.charAt(end - 1) == ' ')) {
            end--;
        }
        return text.substring(0, end);
    }

    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }
}
