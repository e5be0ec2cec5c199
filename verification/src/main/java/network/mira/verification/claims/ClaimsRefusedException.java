package network.mira.verification.claims;

/**
 * A text or list of claims that a request may not carry. {@link #reason()} is for programs (the
 * request's refusal code, tests); the message is for people and names the claim or character.
 */
public final class ClaimsRefusedException extends Exception {
    /** Why the claims were refused. */
    public enum Reason {
        /** Nothing left to judge: no claim with a letter, digit or non-ASCII character. */
        EMPTY,
        /** The text (or the explicit claims together) exceeds {@link ClaimLimits#MAX_TEXT_BYTES} UTF-8 bytes. */
        TEXT_TOO_LONG,
        /**
         * More than {@link ClaimLimits#MAX_CLAIMS} distinct claims in a text, or more than that many
         * explicit claims supplied (repeats included).
         */
        TOO_MANY_CLAIMS,
        /** A normalized claim exceeds {@link ClaimLimits#MAX_CLAIM_BYTES} UTF-8 bytes. */
        CLAIM_TOO_LONG,
        /** A control character other than LF and TAB, or a UTF-16 surrogate that is not part of a pair. */
        INVALID_TEXT
    }

    private final Reason reason;

    ClaimsRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
