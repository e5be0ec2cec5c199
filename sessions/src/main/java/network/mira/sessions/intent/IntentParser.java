package network.mira.sessions.intent;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mira.core.crypto.PublicKey;
import network.mira.sessions.intent.IntentParseException.Reason;
import network.mira.sessions.scope.ProgramScope;
import network.mira.sessions.scope.SessionScope;

/**
 * Checks one intent text: its size, then every character and line ending, then the header and the
 * keys line by line. The first problem found is the one reported, so within each step the message
 * points at the earliest line that is wrong.
 */
final class IntentParser {
    private static final int HEADER_LINES = 4;
    private static final Pattern ENTRY = Pattern.compile("([^ :]+): ([^ ]+)");

    private final String[] lines;
    private final Map<IntentKey, Integer> lineOfKey = new EnumMap<>(IntentKey.class);

    private String chainId;
    private String domain;
    private PublicKey owner;
    private PublicKey sessionKey;
    private long expiresAtMs;
    private Optional<List<ProgramScope>> programs;
    private OptionalLong spendLimit;
    private OptionalLong perTransactionLimit;
    private OptionalLong maxTransactions;
    private Optional<List<PublicKey>> recipients;
    private long feeAllowance;
    private long nonce;

    private IntentParser(String[] lines) {
        this.lines = lines;
    }

    static SessionIntent parse(String text) throws IntentParseException {
        int bytes = utf8Length(text);
        if (bytes > IntentText.MAX_BYTES) {
            throw new IntentParseException(Reason.TOO_LONG, 0,
                    "text is " + bytes + " bytes, at most " + IntentText.MAX_BYTES);
        }
        if (text.isEmpty()) {
            throw new IntentParseException(Reason.MALFORMED, 1, "text is empty");
        }
        String[] lines = text.split("\n", -1);
        checkCharacters(lines);
        if (!text.endsWith("\n")) {
            throw new IntentParseException(Reason.MALFORMED, lines.length, "no line feed at the end of the last line");
        }
        // The final line feed ends the last line; it does not start another one.
        IntentParser parser = new IntentParser(Arrays.copyOf(lines, lines.length - 1));
        parser.checkHeader();
        parser.readEntries();
        return parser.intent();
    }

    /** Only printable ASCII and single spaces inside a line: no look-alike letters, no hidden characters. */
    private static void checkCharacters(String[] lines) throws IntentParseException {
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            for (int c = 0; c < line.length(); c++) {
                String problem = characterProblem(line.charAt(c));
                if (problem != null) {
                    throw new IntentParseException(Reason.MALFORMED, i + 1, problem + " at column " + (c + 1));
                }
            }
            if (line.endsWith(" ")) {
                throw new IntentParseException(Reason.MALFORMED, i + 1, "trailing space");
            }
            if (line.startsWith(" ")) {
                throw new IntentParseException(Reason.MALFORMED, i + 1, "leading space");
            }
        }
    }

    private static String characterProblem(char c) {
        if (c == '\r') {
            return "carriage return (lines end with LF only)";
        }
        if (c == '\t') {
            return "tab";
        }
        if (c < 0x20 || c == 0x7F) {
            return String.format("control character U+%04X", (int) c);
        }
        if (c > 0x7E) {
            return String.format("character U+%04X (only printable ASCII is allowed)", (int) c);
        }
        return null;
    }

    private void checkHeader() throws IntentParseException {
        String[] expected = {IntentText.TITLE, "", IntentText.EXPLANATION, ""};
        String[] meaning = {"the title '" + IntentText.TITLE + "'", "a blank line after the title",
            "the fixed explanation paragraph", "a blank line after the explanation"};
        for (int i = 0; i < HEADER_LINES; i++) {
            if (i >= lines.length) {
                throw new IntentParseException(Reason.BAD_HEADER, i + 1,
                        "expected " + meaning[i] + ", found the end of the text");
            }
            if (!lines[i].equals(expected[i])) {
                throw new IntentParseException(Reason.BAD_HEADER, i + 1, "expected " + meaning[i]);
            }
        }
    }

    private void readEntries() throws IntentParseException {
        int expected = 0;
        for (int i = HEADER_LINES; i < lines.length; i++) {
            int line = i + 1;
            Matcher entry = ENTRY.matcher(lines[i]);
            if (!entry.matches()) {
                throw new IntentParseException(Reason.MALFORMED, line, lines[i].isEmpty()
                        ? "blank line (keys follow one another, one per line)"
                        : "expected 'key: value' (one space after the colon, no spaces in the value)");
            }
            IntentKey key = knownKey(entry.group(1), line);
            if (key.ordinal() != expected) {
                throw orderProblem(key, expected, i);
            }
            lineOfKey.put(key, line);
            readValue(key, entry.group(2), line);
            expected++;
        }
        if (expected < IntentKey.count()) {
            throw new IntentParseException(Reason.MISSING_KEY, lines.length + 1,
                    "missing key '" + IntentKey.at(expected).text() + "' at the end of the text");
        }
    }

    private IntentKey knownKey(String text, int line) throws IntentParseException {
        Optional<IntentKey> key = IntentKey.byText(text);
        if (key.isEmpty()) {
            throw new IntentParseException(Reason.UNKNOWN_KEY, line, "unknown key '" + text + "'");
        }
        if (lineOfKey.containsKey(key.get())) {
            throw new IntentParseException(Reason.DUPLICATE_KEY, line,
                    "duplicate key '" + text + "' (first on line " + lineOfKey.get(key.get()) + ")");
        }
        return key.get();
    }

    /**
     * {@code key} is new but not the one due here. Every key before the due one has been read, so
     * the due key is either further down (the order is wrong) or nowhere (it is missing).
     */
    private IntentParseException orderProblem(IntentKey key, int expected, int index) {
        IntentKey due = IntentKey.at(expected);
        for (int i = index + 1; i < lines.length; i++) {
            Matcher later = ENTRY.matcher(lines[i]);
            if (later.matches() && later.group(1).equals(due.text())) {
                return new IntentParseException(Reason.OUT_OF_ORDER, index + 1,
                        "key '" + key.text() + "' is out of order: expected '" + due.text() + "' here");
            }
        }
        return new IntentParseException(Reason.MISSING_KEY, index + 1,
                "missing key '" + due.text() + "' (expected before '" + key.text() + "')");
    }

    private void readValue(IntentKey key, String value, int line) throws IntentParseException {
        if (key == IntentKey.VERSION) {
            if (!value.equals(Integer.toString(SessionIntent.VERSION))) {
                throw new IntentParseException(Reason.BAD_VERSION, line,
                        "version " + IntentValues.quote(value) + " is not supported, expected "
                                + SessionIntent.VERSION);
            }
            return;
        }
        try {
            readField(key, value);
        } catch (BadValue bad) {
            throw new IntentParseException(Reason.BAD_VALUE, line, key.text() + ": " + bad.getMessage());
        }
    }

    private void readField(IntentKey key, String value) throws BadValue {
        switch (key) {
            case CHAIN_ID -> chainId = matching(value, SessionIntent.CHAIN_ID_PATTERN);
            case DOMAIN -> domain = matching(value, SessionIntent.DOMAIN_PATTERN);
            case OWNER -> owner = IntentValues.parseKey(value);
            case SESSION_KEY -> sessionKey = IntentValues.parseKey(value);
            case EXPIRES_AT -> expiresAtMs = IntentValues.parseExpiresAt(value);
            case PROGRAMS -> programs = IntentValues.parsePrograms(value);
            case SPEND_LIMIT -> spendLimit = IntentValues.parseLimit(value);
            case PER_TX_LIMIT -> perTransactionLimit = perTransactionLimit(IntentValues.parseLimit(value));
            case MAX_TX -> maxTransactions = IntentValues.parseLimit(value);
            case RECIPIENTS -> recipients = IntentValues.parseRecipients(value);
            case FEE_ALLOWANCE -> feeAllowance = IntentValues.parseNumber(value);
            case NONCE -> nonce = IntentValues.parseNumber(value);
            default -> throw new IllegalStateException("no field for " + key);
        }
    }

    /** The spend limit is two lines up, so it is known here: the keys come in a fixed order. */
    private OptionalLong perTransactionLimit(OptionalLong limit) throws BadValue {
        if (limit.isPresent() && spendLimit.isPresent() && limit.getAsLong() > spendLimit.getAsLong()) {
            throw new BadValue(limit.getAsLong() + " is above spend_limit " + spendLimit.getAsLong());
        }
        return limit;
    }

    private static String matching(String value, String pattern) throws BadValue {
        if (!value.matches(pattern)) {
            throw new BadValue(IntentValues.quote(value) + " does not match " + pattern);
        }
        return value;
    }

    private SessionIntent intent() {
        SessionScope scope = new SessionScope(programs, spendLimit, perTransactionLimit, maxTransactions, recipients,
                feeAllowance);
        return new SessionIntent(SessionIntent.VERSION, chainId, domain, owner, sessionKey, expiresAtMs, scope, nonce);
    }

    /** What {@code text.getBytes(UTF_8).length} answers, without copying a text that may be huge. */
    private static int utf8Length(String text) {
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
            } else if (Character.isSurrogate(c)) {
                bytes += 1; // a lone surrogate becomes '?'
            } else {
                bytes += 3;
            }
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }
}
