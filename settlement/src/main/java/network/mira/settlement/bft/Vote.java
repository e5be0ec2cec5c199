package network.mira.settlement.bft;

import java.util.Objects;
import network.mira.core.consensus.VoteSignBytes;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;

/**
 * A signed prevote or precommit. A nil vote has {@link Hash#ZERO} as both block hash and state
 * root, so nil is signed like any other value.
 */
public record Vote(long height, int round, VoteStep step, Hash blockHash, Hash stateRoot, PublicKey validator,
                   Signature signature) {
    public Vote {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(stateRoot, "stateRoot");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(signature, "signature");
        if (step == VoteStep.PROPOSAL) {
            throw new IllegalArgumentException("a vote is a prevote or a precommit");
        }
    }

    public boolean isNil() {
        return blockHash.equals(Hash.ZERO);
    }

    public byte[] signBytes(String chainId) {
        return VoteSignBytes.of(chainId, height, round, step, blockHash, stateRoot);
    }

    /** Same slot (height, round, step) and same signer, but a different value: equivocation. */
    public boolean conflictsWith(Vote other) {
        return height == other.height && round == other.round && step == other.step
                && validator.equals(other.validator)
                && (!blockHash.equals(other.blockHash) || !stateRoot.equals(other.stateRoot));
    }
}
