package network.mira.settlement.bft;

import network.mira.core.consensus.ValidatorSet;

/**
 * Which validator set decides each height. Epochs change it at their boundaries (stake moved,
 * validators jailed or slashed); the consensus core asks once per height, so a new set takes
 * effect exactly at the first height of its epoch, for quorums, proposer order and certificates.
 * Implementations must be deterministic and agree on every node.
 */
@FunctionalInterface
public interface ValidatorSchedule {
    ValidatorSet at(long height);

    /** One set for every height: a chain without epochs, and the simulator's default. */
    static ValidatorSchedule fixed(ValidatorSet set) {
        return height -> set;
    }
}
