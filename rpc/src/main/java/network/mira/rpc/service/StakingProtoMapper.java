package network.mira.rpc.service;

import java.util.List;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.ListRewardsResponse;
import network.mira.rpc.v1.SlashingReason;
import network.mira.rpc.v1.StakeAccountState;
import network.mira.rpc.v1.Validator;
import network.mira.rpc.v1.ValidatorReward;
import network.mira.rpc.v1.ValidatorStatus;
import network.mira.settlement.ledger.EpochReward;
import network.mira.settlement.staking.EpochSnapshot;
import network.mira.settlement.staking.SlashingEvent;
import network.mira.settlement.staking.StakeAccount;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.ValidatorRecord;

/** Staking records to their mira.v1 messages; -1 ("unset") epochs and heights become absent fields. */
public final class StakingProtoMapper {
    private StakingProtoMapper() {}

    static Validator validator(StakingState state, ValidatorRecord record) {
        PublicKey identity = record.identity();
        EpochSnapshot.Member member = state.currentSnapshot().members().get(identity);
        long selfBond = state.stakeAccount(record.selfBondAddress())
                .filter(account -> identity.equals(account.validator()))
                .map(StakeAccount::activeAmount).orElse(0L);
        Validator.Builder out = Validator.newBuilder()
                .setIdentity(identity.toBase58())
                .setConsensusKey(record.consensusKey().toBase58())
                .setStake(state.bondedTo(identity))
                .setVotingPower(member == null ? 0 : member.stake())
                .setStatus(status(record.status()))
                .setCommissionBps((int) record.commissionBps())
                .setMissedBlocks(state.missedBlocks(identity))
                .setSelfBond(selfBond)
                .setSelfBondAddress(record.selfBondAddress().toBase58());
        if (record.jailedUntilHeight() >= 0) {
            out.setJailedUntilHeight(record.jailedUntilHeight());
        }
        if (record.pendingConsensusKey() != null) {
            out.setPendingConsensusKey(record.pendingConsensusKey().toBase58());
            out.setPendingKeyEpoch(record.pendingKeyEpoch());
        }
        return out.build();
    }

    static network.mira.rpc.v1.StakeAccount stakeAccount(StakingState state, StakeAccount account) {
        network.mira.rpc.v1.StakeAccount.Builder out = network.mira.rpc.v1.StakeAccount.newBuilder()
                .setAddress(account.address().toBase58())
                .setAuthority(account.authority().toBase58())
                .setAmount(account.amount())
                .setState(state(state.stakeState(account)))
                .setActiveAmount(account.activeAmount());
        if (account.validator() != null) {
            out.setValidator(account.validator().toBase58());
        }
        if (account.activationEpoch() >= 0) {
            out.setActivationEpoch(account.activationEpoch());
        }
        if (account.deactivationEpoch() >= 0) {
            out.setDeactivationEpoch(account.deactivationEpoch());
        }
        return out.build();
    }

    public static network.mira.rpc.v1.SlashingEvent slashingEvent(SlashingEvent event) {
        network.mira.rpc.v1.SlashingEvent.Builder out = network.mira.rpc.v1.SlashingEvent.newBuilder()
                .setValidator(event.validator().toBase58())
                .setReason(switch (event.reason()) {
                    case DOUBLE_SIGN -> SlashingReason.SLASHING_REASON_DOUBLE_SIGN;
                    case DOWNTIME -> SlashingReason.SLASHING_REASON_DOWNTIME;
                    case VERIFICATION_NO_REVEAL -> SlashingReason.SLASHING_REASON_VERIFICATION_NO_REVEAL;
                    case VERIFICATION_EQUIVOCATION -> SlashingReason.SLASHING_REASON_VERIFICATION_EQUIVOCATION;
                    case VERIFICATION_GUESSING -> SlashingReason.SLASHING_REASON_VERIFICATION_GUESSING;
                })
                .setHeight(event.infractionHeight())
                .setAmount(event.amount());
        if (event.evidenceHash() != null) {
            out.setEvidenceHash(event.evidenceHash().toBase58());
        }
        return out.build();
    }

    /** @param lastHeight the epoch's last block, which pays its rewards */
    static ListRewardsResponse rewards(long epoch, boolean ended, long lastHeight, List<EpochReward> paid,
                                       StakingSnapshot snapshot) {
        ListRewardsResponse.Builder out = ListRewardsResponse.newBuilder()
                .setEpoch(epoch)
                .setEnded(ended)
                .setLastHeight(lastHeight)
                .setCommitment(snapshot.commitment())
                .setHeight(snapshot.height());
        long total = 0;
        for (EpochReward reward : paid) {
            out.addRewards(ValidatorReward.newBuilder()
                    .setValidator(reward.validator().toBase58())
                    .setCommission(reward.commission())
                    .setDelegators(reward.delegators())
                    .setTotal(reward.total()));
            total = Math.addExact(total, reward.total());
        }
        return out.setTotal(total).build();
    }

    static ValidatorStatus status(network.mira.settlement.staking.ValidatorStatus status) {
        return switch (status) {
            case ACTIVE -> ValidatorStatus.VALIDATOR_STATUS_ACTIVE;
            case INACTIVE -> ValidatorStatus.VALIDATOR_STATUS_INACTIVE;
            case JAILED -> ValidatorStatus.VALIDATOR_STATUS_JAILED;
            case TOMBSTONED -> ValidatorStatus.VALIDATOR_STATUS_TOMBSTONED;
        };
    }

    static StakeAccountState state(network.mira.settlement.staking.StakeState state) {
        return switch (state) {
            case INACTIVE -> StakeAccountState.STAKE_ACCOUNT_STATE_INACTIVE;
            case ACTIVATING -> StakeAccountState.STAKE_ACCOUNT_STATE_ACTIVATING;
            case ACTIVE -> StakeAccountState.STAKE_ACCOUNT_STATE_ACTIVE;
            case DEACTIVATING -> StakeAccountState.STAKE_ACCOUNT_STATE_DEACTIVATING;
            case WITHDRAWABLE -> StakeAccountState.STAKE_ACCOUNT_STATE_WITHDRAWABLE;
        };
    }
}
