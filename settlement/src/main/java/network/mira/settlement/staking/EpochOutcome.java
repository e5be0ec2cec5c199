package network.mira.settlement.staking;

import java.util.List;
import java.util.Optional;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Hash;

/**
 * The result of an epoch boundary: the new state, what happened, and the set that signs the new epoch.
 * An empty set means no validator is eligible: consensus must halt (as CometBFT does), never guess.
 */
public record EpochOutcome(StakingState state, List<StakingEvent> events, Optional<ValidatorSet> validatorSet) {
    public EpochOutcome {
        events = List.copyOf(events);
    }

    /** The set's hash as block headers commit to it, or {@link Hash#ZERO} for an empty set. */
    public Hash validatorSetHash() {
        return validatorSet.map(ValidatorSet::hash).orElse(Hash.ZERO);
    }
}
