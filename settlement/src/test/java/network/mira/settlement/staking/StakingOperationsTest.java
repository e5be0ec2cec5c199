package network.mira.settlement.staking;

import static network.mira.settlement.staking.StakingFixtures.MIRA;
import static network.mira.settlement.staking.StakingFixtures.applied;
import static network.mira.settlement.staking.StakingFixtures.consensusKey;
import static network.mira.settlement.staking.StakingFixtures.epochs;
import static network.mira.settlement.staking.StakingFixtures.identity;
import static network.mira.settlement.staking.StakingFixtures.nextEpoch;
import static network.mira.settlement.staking.StakingFixtures.selfBond;
import static network.mira.settlement.staking.StakingFixtures.stake;
import static network.mira.settlement.staking.StakingFixtures.staker;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import network.mira.core.crypto.Hash;
import org.junit.jupiter.api.Test;

class StakingOperationsTest {
    private final StakingState genesis = StakingFixtures.genesis(StakingFixtures.parameters(), 4);

    @Test
    void stakerBondsEarnsUnbondsAndWithdraws() {
        StakingState state = applied(StakingOperations.createStake(genesis, stake(1), staker(1), 50 * MIRA));
        assertThat(state.stakeState(state.stakeAccount(stake(1)).orElseThrow())).isEqualTo(StakeState.INACTIVE);
        state = applied(StakingOperations.delegate(state, stake(1), staker(1), identity(0)));
        assertThat(state.stakeState(state.stakeAccount(stake(1)).orElseThrow())).isEqualTo(StakeState.ACTIVATING);

        state = nextEpoch(state, 0);
        StakeAccount account = state.stakeAccount(stake(1)).orElseThrow();
        assertThat(state.stakeState(account)).isEqualTo(StakeState.ACTIVE);
        assertThat(state.currentSnapshot().bonds()).containsKey(stake(1));

        state = nextEpoch(state, 0);
        assertThat(state.stakeAccount(stake(1)).orElseThrow().amount()).isGreaterThan(50 * MIRA);

        state = applied(StakingOperations.deactivate(state, stake(1), staker(1)));
        long deactivatedIn = state.epoch();
        for (int i = 0; i <= state.parameters().unbondingEpochs(); i++) {
            StakingResult early = StakingOperations.withdraw(state, stake(1), staker(1));
            assertThat(early).isInstanceOf(StakingResult.Refused.class);
            assertThat(((StakingResult.Refused) early).error()).isEqualTo(StakingError.UNBONDING_NOT_COMPLETE);
            state = nextEpoch(state, 0);
        }
        assertThat(state.epoch()).isEqualTo(deactivatedIn + state.parameters().unbondingEpochs() + 1);
        assertThat(state.stakeState(state.stakeAccount(stake(1)).orElseThrow())).isEqualTo(StakeState.WITHDRAWABLE);
        long unstakedBefore = state.supply().unstaked();
        long amount = state.stakeAccount(stake(1)).orElseThrow().amount();
        state = applied(StakingOperations.withdraw(state, stake(1), staker(1)));
        assertThat(state.stakeAccount(stake(1))).isEmpty();
        assertThat(state.supply().unstaked()).isEqualTo(unstakedBefore + amount);
    }

    @Test
    void withdrawTooEarlyGivesTheExactRemainingEpochs() {
        StakingState state = bonded();
        state = applied(StakingOperations.deactivate(state, stake(1), staker(1)));
        refusal(state, s -> StakingOperations.withdraw(s, stake(1), staker(1)), StakingError.UNBONDING_NOT_COMPLETE,
                "at least 4 epochs remain");
        state = nextEpoch(state, 0); // cooled down; last bonded in the previous epoch
        refusal(state, s -> StakingOperations.withdraw(s, stake(1), staker(1)), StakingError.UNBONDING_NOT_COMPLETE,
                "3 epochs remain");
        state = nextEpoch(state, 0);
        refusal(state, s -> StakingOperations.withdraw(s, stake(1), staker(1)), StakingError.UNBONDING_NOT_COMPLETE,
                "2 epochs remain");
    }

    @Test
    void neverActivatedStakeIsWithdrawableAtOnce() {
        StakingState state = applied(StakingOperations.createStake(genesis, stake(1), staker(1), 5 * MIRA));
        state = applied(StakingOperations.delegate(state, stake(1), staker(1), identity(0)));
        state = applied(StakingOperations.deactivate(state, stake(1), staker(1)));
        assertThat(state.stakeState(state.stakeAccount(stake(1)).orElseThrow())).isEqualTo(StakeState.WITHDRAWABLE);
        applied(StakingOperations.withdraw(state, stake(1), staker(1)));
        StakingState undelegated = applied(StakingOperations.createStake(genesis, stake(2), staker(1), MIRA));
        applied(StakingOperations.withdraw(undelegated, stake(2), staker(1)));
    }

    @Test
    void everyRefusalHasItsReasonAndChangesNothing() {
        StakingState state = bonded();
        refusal(state, s -> StakingOperations.createStake(s, stake(2), staker(1), 0), StakingError.AMOUNT_NOT_POSITIVE,
                "got 0");
        refusal(state, s -> StakingOperations.createStake(s, stake(1), staker(1), MIRA),
                StakingError.STAKE_ACCOUNT_EXISTS, "exists");
        refusal(state, s -> StakingOperations.createStake(s, stake(2), staker(1), Long.MAX_VALUE),
                StakingError.INSUFFICIENT_FUNDS, "exceeds");
        refusal(state, s -> StakingOperations.delegate(s, stake(9), staker(1), identity(0)),
                StakingError.UNKNOWN_STAKE_ACCOUNT, "no stake account");
        refusal(state, s -> StakingOperations.delegate(s, stake(1), staker(2), identity(0)),
                StakingError.WRONG_AUTHORITY, "not " + staker(2));
        refusal(state, s -> StakingOperations.delegate(s, stake(1), staker(1), identity(1)),
                StakingError.ALREADY_DELEGATED, "is delegated to");
        refusal(state, s -> StakingOperations.withdraw(s, stake(1), staker(1)), StakingError.NOT_DEACTIVATED,
                "deactivate it first");
        StakingState withFresh = applied(StakingOperations.createStake(state, stake(2), staker(1), MIRA));
        refusal(withFresh, s -> StakingOperations.delegate(s, stake(2), staker(1), identity(42)),
                StakingError.UNKNOWN_VALIDATOR, "no validator");
        refusal(withFresh, s -> StakingOperations.deactivate(s, stake(2), staker(1)), StakingError.NOT_DELEGATED,
                "not delegated");
        StakingState deactivated = applied(StakingOperations.deactivate(state, stake(1), staker(1)));
        refusal(deactivated, s -> StakingOperations.deactivate(s, stake(1), staker(1)),
                StakingError.ALREADY_DEACTIVATED, "deactivated in epoch");

        StakingState tombstoned = applied(Slashing.slashDoubleSign(withFresh, identity(0), 1, Hash.sha256(new byte[]{1})));
        refusal(tombstoned, s -> StakingOperations.delegate(s, stake(2), staker(1), identity(0)),
                StakingError.VALIDATOR_TOMBSTONED, "tombstoned");
        refusal(tombstoned, s -> StakingOperations.unjail(s, identity(0), 1_000), StakingError.VALIDATOR_TOMBSTONED,
                "tombstoned");
        refusal(tombstoned, s -> Slashing.slashDoubleSign(s, identity(0), 1, Hash.sha256(new byte[]{1})),
                StakingError.DUPLICATE_EVIDENCE, "already punished");
        refusal(tombstoned, s -> Slashing.slashDoubleSign(s, identity(0), 2, Hash.sha256(new byte[]{2})),
                StakingError.VALIDATOR_TOMBSTONED, "punished for double-signing once");
    }

    @Test
    void validatorRegistrationRefusals() {
        long min = genesis.parameters().minSelfBond();
        refusal(genesis, s -> StakingOperations.registerValidator(s, identity(9), consensusKey(9), 100, selfBond(9),
                min - 1), StakingError.INSUFFICIENT_SELF_BOND, "below min_self_bond " + min);
        refusal(genesis, s -> StakingOperations.registerValidator(s, identity(0), consensusKey(9), 100, selfBond(9),
                min), StakingError.VALIDATOR_EXISTS, "already registered");
        refusal(genesis, s -> StakingOperations.registerValidator(s, identity(9), consensusKey(1), 100, selfBond(9),
                min), StakingError.CONSENSUS_KEY_IN_USE, "belongs to validator " + identity(1));
        refusal(genesis, s -> StakingOperations.registerValidator(s, identity(9), consensusKey(9), 10_001,
                selfBond(9), min), StakingError.COMMISSION_OUT_OF_RANGE, "got 10001");
        refusal(genesis, s -> StakingOperations.registerValidator(s, identity(9), consensusKey(9), 100, selfBond(0),
                min), StakingError.STAKE_ACCOUNT_EXISTS, "exists");
    }

    @Test
    void registeredValidatorJoinsTheSetOnceItsSelfBondIsActive() {
        StakingState state = applied(StakingOperations.registerValidator(genesis, identity(9), consensusKey(9), 500,
                selfBond(9), 10 * MIRA));
        assertThat(state.validator(identity(9)).orElseThrow().status()).isEqualTo(ValidatorStatus.INACTIVE);
        assertThat(state.validatorSet().orElseThrow().contains(consensusKey(9))).isFalse();
        state = nextEpoch(state, 0);
        assertThat(state.validator(identity(9)).orElseThrow().status()).isEqualTo(ValidatorStatus.ACTIVE);
        assertThat(state.validatorSet().orElseThrow().get(consensusKey(9)).orElseThrow().stake())
                .isEqualTo(10 * MIRA);
    }

    @Test
    void commissionChangesAreBoundedAndOncePerEpoch() {
        refusal(genesis, s -> StakingOperations.setCommission(s, identity(0), 1_101),
                StakingError.COMMISSION_CHANGE_TOO_LARGE, "at most 100 bps per epoch; 1000 -> 1101 is 101");
        refusal(genesis, s -> StakingOperations.setCommission(s, identity(42), 1_000), StakingError.UNKNOWN_VALIDATOR,
                "no validator");
        refusal(genesis, s -> StakingOperations.setCommission(s, identity(0), -1), StakingError.COMMISSION_OUT_OF_RANGE,
                "got -1");
        StakingState state = applied(StakingOperations.setCommission(genesis, identity(0), 1_100));
        assertThat(state.validator(identity(0)).orElseThrow().commissionBps()).isEqualTo(1_100);
        refusal(state, s -> StakingOperations.setCommission(s, identity(0), 1_050),
                StakingError.COMMISSION_ALREADY_CHANGED, "already changed in epoch 0");
        state = nextEpoch(state, 0);
        state = applied(StakingOperations.setCommission(state, identity(0), 1_200));
        assertThat(state.validator(identity(0)).orElseThrow().commissionBps()).isEqualTo(1_200);
    }

    @Test
    void rotatedKeyTakesEffectAtTheNextEpochAndTheOldKeyStaysAccountable() {
        StakingState state = applied(StakingOperations.rotateConsensusKey(genesis, identity(1), consensusKey(77)));
        assertThat(state.validatorSet().orElseThrow().contains(consensusKey(1))).isTrue();
        refusal(state, s -> StakingOperations.rotateConsensusKey(s, identity(1), consensusKey(78)),
                StakingError.KEY_ROTATION_PENDING, "takes effect in epoch 1");
        refusal(state, s -> StakingOperations.rotateConsensusKey(s, identity(2), consensusKey(77)),
                StakingError.CONSENSUS_KEY_IN_USE, "never reused");
        state = nextEpoch(state, 0);
        assertThat(state.validatorSet().orElseThrow().contains(consensusKey(1))).isFalse();
        assertThat(state.validatorSet().orElseThrow().contains(consensusKey(77))).isTrue();
        assertThat(state.consensusKeyOwners()).containsEntry(consensusKey(1), identity(1))
                .containsEntry(consensusKey(77), identity(1));
        refusal(state, s -> StakingOperations.rotateConsensusKey(s, identity(1), consensusKey(1)),
                StakingError.CONSENSUS_KEY_IN_USE, "never reused");
        // Evidence signed with the retired key in epoch 0 still reaches the validator.
        applied(Slashing.slashDoubleSign(state, state.consensusKeyOwners().get(consensusKey(1)), 3,
                Hash.sha256(new byte[]{7})));
    }

    /** One staker's 50 MIRA bonded to validator 0. */
    private StakingState bonded() {
        StakingState state = applied(StakingOperations.createStake(genesis, stake(1), staker(1), 50 * MIRA));
        state = applied(StakingOperations.delegate(state, stake(1), staker(1), identity(0)));
        return epochs(state, 1);
    }

    static void refusal(StakingState state, Function<StakingState, StakingResult> operation, StakingError error,
                        String messagePart) {
        StakingState copy = state.draft().freeze();
        StakingResult result = operation.apply(state);
        assertThat(result).isInstanceOf(StakingResult.Refused.class);
        StakingResult.Refused refused = (StakingResult.Refused) result;
        assertThat(refused.error()).isEqualTo(error);
        assertThat(refused.message()).contains(messagePart);
        assertThat(result.stateOr(state)).isSameAs(state);
        assertThat(state).isEqualTo(copy);
    }
}
