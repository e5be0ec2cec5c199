package network.mira.settlement.bft;

import java.util.Objects;
import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.VoteSignBytes;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;

/**
 * A signed proposal of {@code block} for (height, round). {@code validRound} is -1 for a fresh
 * value, otherwise the round in which the proposer saw a prevote quorum for it (proof of lock).
 * The signature covers (chain id, height, round, PROPOSAL, block hash, state root); validRound is
 * not signed, which can only cost liveness: a proof-of-lock is always re-checked against votes.
 */
public record Proposal(long height, int round, int validRound, BlockHeader block, PublicKey proposer,
                       Signature signature) {
    public Proposal {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(proposer, "proposer");
        Objects.requireNonNull(signature, "signature");
        if (validRound < -1 || validRound >= round && validRound != -1) {
            throw new IllegalArgumentException("validRound " + validRound + " must be -1 or below round " + round);
        }
    }

    public static byte[] signBytes(String chainId, long height, int round, BlockHeader block) {
        return VoteSignBytes.of(chainId, height, round, VoteStep.PROPOSAL, block.hash(), block.stateRoot());
    }

    public byte[] signBytes(String chainId) {
        return signBytes(chainId, height, round, block);
    }
}
