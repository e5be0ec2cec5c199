package network.mira.core.consensus;

import network.mira.core.crypto.PublicKey;

/** A member of the validator set: the key that signs votes and the stake that weighs them. */
public record Validator(PublicKey key, long stake) {
    public Validator {
        if (stake <= 0) {
            throw new IllegalArgumentException("validator " + key + " stake must be positive, got " + stake);
        }
    }
}
