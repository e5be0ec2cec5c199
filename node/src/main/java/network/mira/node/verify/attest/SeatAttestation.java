package network.mira.node.verify.attest;

import java.util.Objects;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.attestation.Attestation;

/**
 * What this validator decided for one seat, kept so that it can always reveal what it committed: the
 * request account, the height its reveal window ends (when the record may be dropped) and the signed
 * attestation, whose salt and verdict open the commitment.
 */
public record SeatAttestation(PublicKey request, long revealDeadline, Attestation attestation) {
    public SeatAttestation {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(attestation, "attestation");
        if (revealDeadline < 0) {
            throw new IllegalArgumentException("reveal deadline must not be negative, got " + revealDeadline);
        }
    }

    public int claimIndex() {
        return attestation.claimIndex();
    }

    public Hash commitment() {
        return attestation.commitment();
    }
}
