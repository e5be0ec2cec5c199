package network.mira.verification.claims;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text into sentences, unnormalized. A line break always ends a sentence, and leading list
 * markers of each line are removed. Within a line a sentence ends after a run of terminators
 * ({@code . ! ?}) and any closers directly after it ({@code ) ] } '} and a {@code "} that closes a
 * pair) when all of these hold:
 * <ol>
 *   <li>the next character is whitespace or the end of the line (so {@code 3.14}, {@code example.com}
 *       and {@code e.g.,} do not end one);</li>
 *   <li>the run contains {@code !} or {@code ?}, or is a single period not ending an
 *       {@link Abbreviations abbreviation} (two or more periods are an ellipsis: no end);</li>
 *   <li>its last character is not inside a matched quotation or bracket ({@link Enclosures}).</li>
 * </ol>
 */
final class SentenceSplitter {
    private SentenceSplitter() {}

    static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(lineStart, lineEnd);
            splitLine(line.substring(ListMarkers.skipLeading(line)), sentences);
            lineStart = lineEnd + 1;
        }
        return sentences;
    }

    private static void splitLine(String line, List<String> sentences) {
        Enclosures enclosures = Enclosures.of(line);
        int sentenceStart = 0;
        int i = 0;
        while (i < line.length()) {
            if (!Ascii.isTerminator(line.charAt(i))) {
                i++;
                continue;
            }
            int runEnd = i;
            while (runEnd < line.length() && Ascii.isTerminator(line.charAt(runEnd))) {
                runEnd++;
            }
            int end = runEnd;
            while (end < line.length() && isCloser(line, end, enclosures)) {
                end++;
            }
            boolean followedBySpace = end == line.length() || Ascii.isWhitespace(line.charAt(end));
            if (followedBySpace && runEndsSentence(line, i, runEnd) && !enclosures.isInside(end - 1)) {
                sentences.add(line.substring(sentenceStart, end));
                sentenceStart = end;
            }
            i = end;
        }
        sentences.add(line.substring(sentenceStart));
    }

    private static boolean runEndsSentence(String line, int runStart, int runEnd) {
        for (int i = runStart; i < runEnd; i++) {
            if (line.charAt(i) != '.') {
                return true;
            }
        }
        return runEnd - runStart == 1 && !Abbreviations.endsAbbreviation(line, runStart);
    }

    /** An opening {@code "} is not a closer: taking it would split a quotation across two sentences. */
    private static boolean isCloser(String line, int index, Enclosures enclosures) {
        char c = line.charAt(index);
        return c == ')' || c == ']' || c == '}' || c == '\'' || (c == '"' && enclosures.isClosingQuote(index));
    }
}
