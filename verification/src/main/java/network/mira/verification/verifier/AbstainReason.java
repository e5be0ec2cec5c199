package network.mira.verification.verifier;

/**
 * Why a verifier gave no verdict. A validator whose verifier fails abstains; it never guesses,
 * because a guess would be attested, committed and counted as if it were a judgement.
 */
public enum AbstainReason {
    /** The endpoint did not answer within the request timeout (after any retries). */
    TIMEOUT,
    /** The endpoint could not be reached or answered 5xx (after any retries). */
    UNAVAILABLE,
    /** The endpoint refused the request with a status that is not retried (4xx, 3xx). */
    REJECTED,
    /** The endpoint's answer is not a well-formed chat completion (bad JSON, no content, too large). */
    MALFORMED_RESPONSE,
    /** The model answered, but not with exactly one of TRUE, FALSE, UNCERTAIN. */
    UNPARSEABLE_ANSWER,
    /** Recent judgements failed; the circuit breaker stops requests until its cool-down has passed. */
    CIRCUIT_OPEN,
    /** Every request slot and every waiting place is taken. */
    OVERLOADED,
    /** The claim is longer than the verifier accepts. */
    CLAIM_TOO_LONG,
    /** The verifier was closed before it judged the claim. */
    CLOSED,
    /** This validator runs no verifier ({@code verification.verifier: none}). */
    DISABLED,
    /** A bug in the verifier; logged at ERROR. */
    INTERNAL_ERROR
}
