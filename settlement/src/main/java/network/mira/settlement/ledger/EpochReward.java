package network.mira.settlement.ledger;

import network.mira.core.crypto.PublicKey;

/**
 * What one validator's stake earned for an epoch: {@code commission} went to its self-bond,
 * {@code delegators} was split over the stake bonded to it (rounding remainders to the self-bond).
 */
public record EpochReward(long epoch, PublicKey validator, long commission, long delegators) {
    public long total() {
        return Math.addExact(commission, delegators);
    }
}
