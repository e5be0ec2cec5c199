package network.mira.rpc.service;

import java.util.Objects;
import network.mira.rpc.v1.Commitment;
import network.mira.settlement.staking.StakingState;

/** A decoded staking state, the block height it reflects and that height's commitment. */
public record StakingSnapshot(StakingState state, long height, Commitment commitment) {
    public StakingSnapshot {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(commitment, "commitment");
        if (height < 0) {
            throw new IllegalArgumentException("height must not be negative, got " + height);
        }
    }

    public static StakingSnapshot finalized(StakingState state, long height) {
        return new StakingSnapshot(state, height, Commitment.FINALIZED);
    }
}
