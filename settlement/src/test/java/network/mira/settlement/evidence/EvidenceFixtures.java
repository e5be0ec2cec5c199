package network.mira.settlement.evidence;

import java.nio.charset.StandardCharsets;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.bft.Vote;

/** Votes really signed with Ed25519, and equivocations built from them. */
final class EvidenceFixtures {
    private EvidenceFixtures() {}

    static KeyPair key(int seed) {
        return KeyPair.fromSeed(Hash.sha256(("validator " + seed).getBytes(StandardCharsets.US_ASCII)).bytes());
    }

    static Hash block(String name) {
        return Hash.sha256(name.getBytes(StandardCharsets.US_ASCII));
    }

    static Vote vote(KeyPair key, String chainId, long height, int round, VoteStep step, Hash blockHash,
                     Hash stateRoot) {
        byte[] signBytes = new Vote(height, round, step, blockHash, stateRoot, key.publicKey(),
                network.mira.core.crypto.Signature.wrap(new byte[64])).signBytes(chainId);
        return new Vote(height, round, step, blockHash, stateRoot, key.publicKey(), key.sign(signBytes));
    }

    /** A prevote for block {@code name} and a nil prevote, both validly signed, at (height, round 0). */
    static DuplicateVoteEvidence equivocation(KeyPair key, String chainId, long height, String name) {
        return new DuplicateVoteEvidence(
                vote(key, chainId, height, 0, VoteStep.PREVOTE, block(name), block(name + "/root")),
                vote(key, chainId, height, 0, VoteStep.PREVOTE, Hash.ZERO, Hash.ZERO));
    }
}
