package network.mira.rpc.service;

import java.util.Optional;

/**
 * Where {@link StakingGrpcService} reads the staking state from. Empty when the chain has no staking
 * state (no stake program state account): every staking call then answers STAKING_NOT_ENABLED.
 */
@FunctionalInterface
public interface StakingView {
    Optional<StakingSnapshot> current();
}
