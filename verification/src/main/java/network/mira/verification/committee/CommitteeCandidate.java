package network.mira.verification.committee;

import network.mira.core.crypto.PublicKey;

/** A validator that may be drawn: the identity its attestations are signed with, and its stake. */
public record CommitteeCandidate(PublicKey identity, long stake) {
    public CommitteeCandidate {
        if (identity == null) {
            throw new IllegalArgumentException("candidate identity must not be null");
        }
        if (stake <= 0) {
            throw new IllegalArgumentException("candidate " + identity + " stake must be positive, got " + stake);
        }
    }
}
