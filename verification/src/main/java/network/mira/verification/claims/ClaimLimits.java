package network.mira.verification.claims;

/**
 * Bounds on what a request may ask committees to judge. Sizes are UTF-8 bytes, as they are stored
 * in the request transaction; a text or claim exactly at a bound is accepted, one byte more is not.
 */
public final class ClaimLimits {
    private ClaimLimits() {}

    /** Largest AI output text, and largest sum of explicit claims, in UTF-8 bytes. */
    public static final int MAX_TEXT_BYTES = 8_192;

    /** Most claims in one request: bounds committees, attestations and certificate size per request. */
    public static final int MAX_CLAIMS = 64;

    /** Largest normalized claim, in UTF-8 bytes: a claim must be short enough to judge on its own. */
    public static final int MAX_CLAIM_BYTES = 512;
}
