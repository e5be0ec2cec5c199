package network.mira.settlement.signer;

import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;

/**
 * The only way consensus gets a signature. Implementations must never sign two different messages
 * for the same (height, round, step), and never go backwards, even across crashes.
 */
public interface ConsensusSigner {
    PublicKey publicKey();

    /** @throws DoubleSignRefusedException if signing would conflict with something signed before */
    Signature sign(long height, int round, VoteStep step, byte[] signBytes) throws DoubleSignRefusedException;

    /** The last (height, round, step) signed, so a restarted engine starts past it. */
    java.util.Optional<LastSigned> lastSigned();

    record LastSigned(long height, int round, VoteStep step) {}
}
