package network.mira.verification.claims;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Which characters of one line lie inside a matched quotation or bracket, where sentences and
 * clauses are not split: {@code He said "It is late. Go home." and left} is one sentence.
 *
 * <p>Brackets {@code ( [ {} match with a stack: a closer matches the opener on top of the stack if
 * it is its partner and is ignored otherwise; openers left on the stack are unmatched. Straight
 * double quotes {@code "} pair in order on the line (first with second, third with fourth); an odd
 * last one is unmatched. Single quotes are apostrophes too often to pair. Unmatched characters
 * protect nothing, so one stray bracket cannot glue a whole line into one claim.
 */
final class Enclosures {
    /** +1 after each matched opener, -1 at its closer: a positive running sum means inside (linear time). */
    private final int[] depthChange;
    private final boolean[] inside;
    private final boolean[] closingQuote;

    private Enclosures(int length) {
        depthChange = new int[length + 1];
        inside = new boolean[length];
        closingQuote = new boolean[length];
    }

    static Enclosures of(CharSequence line) {
        Enclosures enclosures = new Enclosures(line.length());
        enclosures.matchBrackets(line);
        enclosures.matchQuotes(line);
        enclosures.resolveDepth();
        return enclosures;
    }

    /** True when the character at {@code index} lies strictly between a matched opener and its closer. */
    boolean isInside(int index) {
        return inside[index];
    }

    /** True when the character at {@code index} is a {@code "} that closes a matched pair. */
    boolean isClosingQuote(int index) {
        return closingQuote[index];
    }

    private void matchBrackets(CharSequence line) {
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                open.push(i);
            } else if (c == ')' || c == ']' || c == '}') {
                if (!open.isEmpty() && line.charAt(open.peek()) == partnerOf(c)) {
                    markInside(open.pop(), i);
                }
            }
        }
    }

    private void matchQuotes(CharSequence line) {
        int opener = -1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) != '"') {
                continue;
            }
            if (opener < 0) {
                opener = i;
            } else {
                markInside(opener, i);
                closingQuote[i] = true;
                opener = -1;
            }
        }
    }

    private void markInside(int opener, int closer) {
        depthChange[opener + 1]++;
        depthChange[closer]--;
    }

    private void resolveDepth() {
        int depth = 0;
        for (int i = 0; i < inside.length; i++) {
            depth += depthChange[i];
            inside[i] = depth > 0;
        }
    }

    private static char partnerOf(char closer) {
        return switch (closer) {
            case ')' -> '(';
            case ']' -> '[';
            default -> '{';
        };
    }
}
