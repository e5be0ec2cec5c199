package network.mira.verification.sim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import network.mira.core.codec.ByteWriter;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * The simulation's randomness: every value is SHA-256 of a domain, the run's seed, a label and two
 * numbers, so any one draw can be recomputed on its own.
 */
final class SimulationDraws {
    private static final byte[] DOMAIN = "mira-verify-sim-v1".getBytes(StandardCharsets.US_ASCII);

    private final long seed;

    SimulationDraws(long seed) {
        this.seed = seed;
    }

    Hash hash(String label, long first, long second) {
        return Hash.sha256(DOMAIN, new ByteWriter().u64(seed).toByteArray(),
                label.getBytes(StandardCharsets.US_ASCII), new ByteWriter().u64(first).u64(second).toByteArray());
    }

    long bits(String label, long first, long second) {
        return ByteBuffer.wrap(hash(label, first, second).bytes()).getLong();
    }

    /** Whether claim {@code claim} is true: a fair coin. */
    boolean truth(int claim) {
        return (bits("truth", claim, 0) & 1) == 1;
    }

    /** A guesser's answer: a fair coin per validator and claim. */
    boolean guess(int validator, int claim) {
        return (bits("guess", validator, claim) & 1) == 1;
    }

    /** The seed of validator {@code validator}'s oracle verifier. */
    long oracleSeed(int validator) {
        return bits("oracle", validator, 0);
    }

    PublicKey identity(int validator) {
        return PublicKey.wrap(hash("identity", validator, 0).bytes());
    }

    /** The pseudo block hash claim {@code claim}'s committee is drawn from. */
    Hash blockHash(int claim) {
        return hash("block", claim, 0);
    }
}
