package network.mira.settlement.staking;

import static network.mira.settlement.staking.StakingFixtures.MIRA;
import static network.mira.settlement.staking.StakingFixtures.applied;
import static network.mira.settlement.staking.StakingFixtures.consensusKey;
import static network.mira.settlement.staking.StakingFixtures.identity;
import static network.mira.settlement.staking.StakingFixtures.selfBond;
import static network.mira.settlement.staking.StakingFixtures.stake;
import static network.mira.settlement.staking.StakingFixtures.staker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import network.mira.core.consensus.Validator;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class EpochTransitionTest {
    private final StakingParameters parameters = StakingFixtures.parameters();

    @Test
    void rewardsFollowStakeTimesSignedBlocksWithCommissionToTheSelfBond() {
        StakingParameters p = parameters.with("issuance_per_epoch", "1000");
        StakingState state = StakingFixtures.genesis(p, 2); // self-bonds 100 and 200 MIRA, commission 10%
        state = applied(StakingOperations.createStake(state, stake(1), staker(1), 60 * MIRA));
        state = applied(StakingOperations.delegate(state, stake(1), staker(1), identity(1)));
        // No one signs epoch 0, so nothing is paid and the 60 MIRA (under the 75 MIRA cap) activates.
        state = EpochTransition.apply(state, 1, 0, Map.of()).state();
        assertThat(state.currentSnapshot().members().get(identity(1)).stake()).isEqualTo(260 * MIRA);
        long fees = 337;
        long unstaked = state.supply().unstaked();
        // Weights 100 MIRA * 10 blocks : 260 MIRA * 5 blocks = 1000 : 1300 of a 1337 lamport pool.
        EpochOutcome outcome = EpochTransition.apply(state, 2, fees, Map.of(identity(0), 10L, identity(1), 5L));
        StakingState next = outcome.state();
        next.checkInvariants();
        // floor(1337 * 1000 / 2300) = 581, floor(1337 * 1300 / 2300) = 755, the one left over goes to the heavier.
        // Commission 10% floored: 58 and 75.
        assertThat(outcome.events()).contains(new StakingEvent.RewardPaid(1, identity(0), 58, 581 - 58),
                new StakingEvent.RewardPaid(1, identity(1), 75, 756 - 75));
        // 681 over 200 : 60 MIRA = 523 + 157, one lamport left over, which goes to the self-bond.
        assertThat(next.stakeAccount(stake(1)).orElseThrow().amount()).isEqualTo(60 * MIRA + 157);
        assertThat(next.stakeAccount(selfBond(1)).orElseThrow().amount()).isEqualTo(200 * MIRA + 75 + 523 + 1);
        assertThat(next.stakeAccount(selfBond(0)).orElseThrow().amount()).isEqualTo(100 * MIRA + 581);
        assertThat(next.supply().issued()).isEqualTo(1000);
        assertThat(next.supply().unstaked()).isEqualTo(unstaked - fees);
        assertThat(next.totalStaked() - state.totalStaked()).isEqualTo(1000 + fees);
    }

    @Test
    void noSignaturesMeansNothingIsMintedAndFeesAreBurned() {
        StakingState state = StakingFixtures.genesis(parameters, 2);
        EpochOutcome outcome = EpochTransition.apply(state, 1, 500, Map.of());
        outcome.state().checkInvariants();
        assertThat(outcome.state().supply().issued()).isZero();
        assertThat(outcome.state().supply().burned()).isEqualTo(500);
        assertThat(outcome.events()).contains(new StakingEvent.RewardsUndistributed(0,
                parameters.issuancePerEpoch(), 500));
    }

    @Test
    void inputsConsensusCannotProduceAreProgrammerErrors() {
        StakingState state = StakingFixtures.genesis(parameters, 2);
        assertThatThrownBy(() -> EpochTransition.apply(state, 2, 0, Map.of())).hasMessageContaining("does not follow");
        assertThatThrownBy(() -> EpochTransition.apply(state, 1, 0, Map.of(identity(7), 1L)))
                .hasMessageContaining("not a member's count");
        assertThatThrownBy(() -> EpochTransition.apply(state, 1, 0, Map.of(identity(0), 11L)))
                .hasMessageContaining("0..10");
    }

    @Test
    void setIsTopNByStakeWithTiesBrokenByIdentity() {
        StakingParameters p = parameters.with("max_validators", "3");
        List<GenesisValidator> validators = new ArrayList<>();
        long[] bonds = {50, 70, 70, 90, 30};
        for (int i = 0; i < bonds.length; i++) {
            validators.add(new GenesisValidator(identity(i), consensusKey(i), 0, selfBond(i), bonds[i] * MIRA));
        }
        StakingState state = StakingState.genesis(p, StakingFixtures.GENESIS_SUPPLY, validators);
        assertThat(state.validatorSet().orElseThrow().validators()).containsExactly(
                new Validator(consensusKey(1), 70 * MIRA), new Validator(consensusKey(2), 70 * MIRA),
                new Validator(consensusKey(3), 90 * MIRA));
        assertThat(state.validator(identity(0)).orElseThrow().status()).isEqualTo(ValidatorStatus.INACTIVE);

        // Tombstone 3 and jail nobody: 0 (50) moves up; 4 (30) stays out.
        state = applied(Slashing.slashDoubleSign(state, identity(3), 1, Hash.sha256(new byte[]{3})));
        EpochOutcome outcome = EpochTransition.apply(state, 1, 0, StakingFixtures.allSigned(state));
        assertThat(outcome.validatorSet().orElseThrow().validators()).extracting(Validator::key)
                .containsExactly(consensusKey(0), consensusKey(1), consensusKey(2));
        assertThat(outcome.validatorSetHash()).isEqualTo(outcome.validatorSet().orElseThrow().hash());
    }

    @Test
    void validatorBelowMinSelfBondOrLeavingIsExcluded() {
        StakingState state = StakingFixtures.genesis(parameters.with("min_self_bond", "1"), 3);
        state = applied(StakingOperations.deactivate(state, selfBond(0), identity(0)));
        state = StakingFixtures.nextEpoch(state, 0);
        assertThat(state.validatorSet().orElseThrow().contains(consensusKey(0))).isFalse();
        assertThat(state.validator(identity(0)).orElseThrow().status()).isEqualTo(ValidatorStatus.INACTIVE);

        StakingParameters high = parameters.with("issuance_per_epoch", "0").with("min_self_bond", String.valueOf(150 * MIRA));
        StakingState genesis = StakingFixtures.genesis(parameters.with("issuance_per_epoch", "0"), 3);
        StakingState raised = new StakingState(high, genesis.epoch(), genesis.lastHeight(), genesis.validators(),
                genesis.consensusKeyOwners(), genesis.stakeAccounts(), genesis.signing(), genesis.snapshots(),
                genesis.slashingEvents(), genesis.punishedEvidence(), genesis.supply());
        StakingState next = StakingFixtures.nextEpoch(raised, 0);
        assertThat(next.validatorSet().orElseThrow().validators()).extracting(Validator::key)
                .containsExactly(consensusKey(1), consensusKey(2));
    }

    @Test
    void sameInputGivesTheSameSetHash() {
        Hash first = null;
        for (int run = 0; run < 3; run++) {
            StakingState state = StakingFixtures.genesis(parameters, 6);
            state = applied(StakingOperations.createStake(state, stake(1), staker(1), 1_000 * MIRA));
            state = applied(StakingOperations.delegate(state, stake(1), staker(1), identity(2)));
            Map<PublicKey, Long> signed = new TreeMap<>(StakingFixtures.allSigned(state));
            EpochOutcome outcome = EpochTransition.apply(state, 1, 99, signed);
            if (first == null) {
                first = outcome.validatorSetHash();
            }
            assertThat(outcome.validatorSetHash()).isEqualTo(first);
        }
    }
}
