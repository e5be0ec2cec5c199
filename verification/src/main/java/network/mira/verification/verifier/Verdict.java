package network.mira.verification.verifier;

/** What a verifier says about one claim. UNCERTAIN is an answer ("I cannot tell"), not a failure. */
public enum Verdict {
    TRUE, FALSE, UNCERTAIN
}
