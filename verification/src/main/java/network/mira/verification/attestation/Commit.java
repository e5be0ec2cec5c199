package network.mira.verification.attestation;

import java.util.Objects;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/** A commit transaction included at {@code height}: {@code validator} published {@code commitment}. */
public record Commit(PublicKey validator, Hash commitment, long height) {
    public Commit {
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(commitment, "commitment");
        if (height < 0) {
            throw new IllegalArgumentException("height must not be negative, got " + height);
        }
    }
}
