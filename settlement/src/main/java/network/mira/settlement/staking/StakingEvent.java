package network.mira.settlement.staking;

import network.mira.core.crypto.PublicKey;

/** What an operation or an epoch boundary did, for logs, metrics and RPC streams. */
public sealed interface StakingEvent {
    record ValidatorRegistered(PublicKey identity, PublicKey consensusKey, long selfBond) implements StakingEvent {}

    record StakeCreated(PublicKey address, PublicKey authority, long amount) implements StakingEvent {}

    record Delegated(PublicKey address, PublicKey validator, long epoch) implements StakingEvent {}

    record Deactivated(PublicKey address, long epoch) implements StakingEvent {}

    record Withdrawn(PublicKey address, long amount) implements StakingEvent {}

    record CommissionChanged(PublicKey validator, long fromBps, long toBps) implements StakingEvent {}

    record ConsensusKeyRotated(PublicKey validator, PublicKey newKey, long effectiveEpoch) implements StakingEvent {}

    record Jailed(PublicKey validator, long untilHeight) implements StakingEvent {}

    record Unjailed(PublicKey validator) implements StakingEvent {}

    record Slashed(SlashingEvent slashing) implements StakingEvent {}

    /** Rewards of {@code epoch} paid to one validator: the commission part and the delegators' part. */
    record RewardPaid(long epoch, PublicKey validator, long commission, long delegators) implements StakingEvent {}

    /** Issuance not minted and fees burned because no validator earned anything in {@code epoch}. */
    record RewardsUndistributed(long epoch, long issuanceNotMinted, long feesBurned) implements StakingEvent {}

    record StakeActivated(PublicKey address, long amount) implements StakingEvent {}

    record StakeDeactivated(PublicKey address, long amount) implements StakingEvent {}
}
