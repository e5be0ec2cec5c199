package network.mira.verification.verifier;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses a knowledge file: UTF-8, one fact per line as {@code TRUE<TAB>claim} or
 * {@code FALSE<TAB>claim}. Lines may end in LF or CRLF; a UTF-8 byte order mark at the start is
 * skipped. A line that is blank, or whose first non-blank character is {@code #}, is ignored ("#"
 * inside a claim is text). The label is exactly {@code TRUE} or {@code FALSE}, upper case, followed
 * by a tab; the rest of the line is the claim, compared after {@link KnowledgeNormalizer}. Two lines
 * with the same normalized claim must agree. Any other line refuses the whole file, naming the line:
 * a half-read file would turn facts into UNCERTAIN without anyone noticing.
 */
final class KnowledgeFile {
    /** Large enough for millions of short facts; the whole map is held in memory. */
    static final int MAX_BYTES = 64 * 1024 * 1024;
    static final int MAX_LINE_CHARS = 10_000;

    private KnowledgeFile() {}

    private record Fact(Verdict verdict, int lineNumber) {}

    /** @return normalized claim to its verdict */
    static Map<String, Verdict> parse(String source, byte[] content) throws KnowledgeFileException {
        if (content.length > MAX_BYTES) {
            throw new KnowledgeFileException(source, 0, "larger than " + MAX_BYTES + " bytes");
        }
        Map<String, Fact> facts = new HashMap<>();
        int start = hasByteOrderMark(content) ? 3 : 0;
        int lineNumber = 0;
        while (start < content.length) {
            int end = indexOf(content, (byte) '\n', start);
            lineNumber++;
            String line = decode(source, lineNumber, content, start, end);
            parseLine(source, lineNumber, line, facts);
            start = end + 1;
        }
        Map<String, Verdict> verdicts = new HashMap<>();
        facts.forEach((claim, fact) -> verdicts.put(claim, fact.verdict()));
        return verdicts;
    }

    private static void parseLine(String source, int lineNumber, String line, Map<String, Fact> facts)
            throws KnowledgeFileException {
        if (line.length() > MAX_LINE_CHARS) {
            throw new KnowledgeFileException(source, lineNumber, "longer than " + MAX_LINE_CHARS + " characters");
        }
        if (line.isBlank() || line.strip().startsWith("#")) {
            return;
        }
        int tab = line.indexOf('\t');
        if (tab < 0) {
            throw new KnowledgeFileException(source, lineNumber, "expected TRUE or FALSE, a tab, then the claim");
        }
        Verdict verdict = label(source, lineNumber, line.substring(0, tab));
        String claim = KnowledgeNormalizer.normalize(line.substring(tab + 1));
        if (claim.isEmpty()) {
            throw new KnowledgeFileException(source, lineNumber, "no claim after the tab");
        }
        Fact earlier = facts.putIfAbsent(claim, new Fact(verdict, lineNumber));
        if (earlier != null && earlier.verdict() != verdict) {
            throw new KnowledgeFileException(source, lineNumber, "says " + verdict + " but line "
                    + earlier.lineNumber() + " says " + earlier.verdict() + " for the same claim");
        }
    }

    private static Verdict label(String source, int lineNumber, String label) throws KnowledgeFileException {
        if (label.equals("TRUE")) {
            return Verdict.TRUE;
        }
        if (label.equals("FALSE")) {
            return Verdict.FALSE;
        }
        String shown = label.length() > 40 ? label.substring(0, 40) + "…" : label;
        throw new KnowledgeFileException(source, lineNumber,
                "expected TRUE or FALSE before the tab, got '" + shown + "'");
    }

    /** The line's text without its line break; strict UTF-8, so a mis-encoded file is refused, not garbled. */
    private static String decode(String source, int lineNumber, byte[] content, int start, int end)
            throws KnowledgeFileException {
        int length = end - start;
        if (length > 0 && content[end - 1] == '\r') {
            length--;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(content, start, length)).toString();
        } catch (CharacterCodingException e) {
            throw new KnowledgeFileException(source, lineNumber, "not valid UTF-8");
        }
    }

    private static boolean hasByteOrderMark(byte[] content) {
        return content.length >= 3
                && content[0] == (byte) 0xEF && content[1] == (byte) 0xBB && content[2] == (byte) 0xBF;
    }

    private static int indexOf(byte[] content, byte value, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == value) {
                return i;
            }
        }
        return content.length;
    }
}
