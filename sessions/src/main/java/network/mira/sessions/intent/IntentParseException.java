package network.mira.sessions.intent;

/**
 * A session intent that is refused: not in the one canonical text form, or not signed by the
 * owner it names. {@link #reason()} is for programs (RPC refusal codes, tests); the message is for
 * people and names the line, e.g. {@code line 9: domain must be ...}.
 */
public final class IntentParseException extends Exception {
    /** Why an intent was refused. */
    public enum Reason {
        /** A character or line that the format never contains: CR, tab, trailing space, blank line, no final LF. */
        MALFORMED,
        /** The text is longer than {@link IntentText#MAX_BYTES} bytes. */
        TOO_LONG,
        /** The first paragraph (title and explanation) is not exactly the fixed one. */
        BAD_HEADER,
        /** The version line is not {@code version: 1}. */
        BAD_VERSION,
        /** A key that the format does not have. */
        UNKNOWN_KEY,
        /** A key that the format requires is absent. */
        MISSING_KEY,
        /** A key appears twice. */
        DUPLICATE_KEY,
        /** Every key is present once, but not in the fixed order. */
        OUT_OF_ORDER,
        /** A value does not have its canonical syntax or breaks a scope rule; the message names the key. */
        BAD_VALUE,
        /** The Ed25519 signature does not verify over the text's UTF-8 bytes with the given owner key. */
        BAD_SIGNATURE,
        /** The signature verifies, but the owner written in the text is another account. */
        OWNER_MISMATCH
    }

    private final Reason reason;
    private final int line;

    /** @param line the 1-based line the problem is on, or 0 when it concerns the text as a whole */
    IntentParseException(Reason reason, int line, String detail) {
        super(line > 0 ? "line " + line + ": " + detail : detail);
        this.reason = reason;
        this.line = line;
    }

    public Reason reason() {
        return reason;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole text (size, signature, owner). */
    public int line() {
        return line;
    }
}
