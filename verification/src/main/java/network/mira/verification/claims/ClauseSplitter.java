package network.mira.verification.claims;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a normalized sentence into independent clauses, outside quotations and brackets:
 * <ol>
 *   <li>at every {@code ;};</li>
 *   <li>at {@code ", and "} and {@code ", but "} when both sides have at least
 *       {@link #MIN_CLAUSE_WORDS} words. The left side is counted back to the previous comma or
 *       clause start and the right side forward to the next comma or the end, so the last item of a
 *       list ({@code apples, pears, and plums}) is never split off.</li>
 * </ol>
 * {@code ", or "} and {@code ", so "} do not split: "X, or Y" claims neither X nor Y, and "X, so Y"
 * claims that X caused Y, which two separate claims would lose.
 */
final class ClauseSplitter {
    private ClauseSplitter() {}

    static final int MIN_CLAUSE_WORDS = 3;
    static final List<String> CONNECTORS = List.of(", and ", ", but ");

    /** @return normalized clauses, possibly empty ones (which the caller drops) */
    static List<String> split(String sentence) {
        List<String> clauses = new ArrayList<>();
        for (String part : splitAtSemicolons(sentence)) {
            splitAtConnectors(ClaimNormalizer.normalize(part), clauses);
        }
        return clauses;
    }

    private static List<String> splitAtSemicolons(String sentence) {
        Enclosures enclosures = Enclosures.of(sentence);
        List<String> parts = new ArrayList<>();
        int partStart = 0;
        for (int i = 0; i < sentence.length(); i++) {
            if (sentence.charAt(i) == ';' && !enclosures.isInside(i)) {
                parts.add(sentence.substring(partStart, i));
                partStart = i + 1;
            }
        }
        parts.add(sentence.substring(partStart));
        return parts;
    }

    private static void splitAtConnectors(String part, List<String> clauses) {
        Enclosures enclosures = Enclosures.of(part);
        int clauseStart = 0;
        int lastComma = -1;
        for (int comma = part.indexOf(','); comma >= 0; comma = part.indexOf(',', comma + 1)) {
            if (enclosures.isInside(comma)) {
                continue;
            }
            int connectorLength = connectorLengthAt(part, comma);
            if (connectorLength > 0) {
                int rightStart = comma + connectorLength;
                int leftStart = Math.max(lastComma + 1, clauseStart);
                int rightEnd = nextCommaOutside(part, rightStart, enclosures);
                if (words(part, leftStart, comma) >= MIN_CLAUSE_WORDS
                        && words(part, rightStart, rightEnd) >= MIN_CLAUSE_WORDS) {
                    clauses.add(ClaimNormalizer.normalize(part.substring(clauseStart, comma)));
                    clauseStart = rightStart;
                }
            }
            lastComma = comma;
        }
        clauses.add(ClaimNormalizer.normalize(part.substring(clauseStart)));
    }

    private static int connectorLengthAt(String part, int comma) {
        for (String connector : CONNECTORS) {
            if (part.startsWith(connector, comma)) {
                return connector.length();
            }
        }
        return 0;
    }

    private static int nextCommaOutside(String part, int from, Enclosures enclosures) {
        for (int i = from; i < part.length(); i++) {
            if (part.charAt(i) == ',' && !enclosures.isInside(i)) {
                return i;
            }
        }
        return part.length();
    }

    /** Words are runs of characters other than space (the part is normalized: no other whitespace). */
    private static int words(String part, int from, int to) {
        int words = 0;
        boolean inWord = false;
        for (int i = from; i < to; i++) {
            boolean space = part.charAt(i) == ' ';
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }
}
