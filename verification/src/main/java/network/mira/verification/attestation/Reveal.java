package network.mira.verification.attestation;

import java.util.Objects;
import network.mira.core.crypto.PublicKey;

/** A reveal transaction included at {@code height}; its signature was checked when it was admitted. */
public record Reveal(Attestation attestation, long height) {
    public Reveal {
        Objects.requireNonNull(attestation, "attestation");
        if (height < 0) {
            throw new IllegalArgumentException("height must not be negative, got " + height);
        }
    }

    public PublicKey validator() {
        return attestation.validator();
    }
}
