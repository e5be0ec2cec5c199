package network.mira.settlement.staking;

import static network.mira.settlement.staking.StakingFixtures.MIRA;
import static network.mira.settlement.staking.StakingFixtures.applied;
import static network.mira.settlement.staking.StakingFixtures.consensusKey;
import static network.mira.settlement.staking.StakingFixtures.epochs;
import static network.mira.settlement.staking.StakingFixtures.identity;
import static network.mira.settlement.staking.StakingFixtures.selfBond;
import static network.mira.settlement.staking.StakingFixtures.stake;
import static network.mira.settlement.staking.StakingFixtures.staker;
import static network.mira.settlement.staking.StakingOperationsTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import network.mira.core.crypto.Hash;
import org.junit.jupiter.api.Test;

/** {@link Slashing#slashVerification}: a slash of the current epoch's bonds that neither jails nor tombstones. */
class VerificationSlashingTest {
    private static final Hash REQUEST = Hash.sha256(new byte[] {7});
    private static final SlashingEvent.Reason NO_REVEAL = SlashingEvent.Reason.VERIFICATION_NO_REVEAL;
    private final StakingParameters parameters = StakingFixtures.parameters().with("issuance_per_epoch", "0");
    private final StakingState genesis = StakingFixtures.genesis(parameters, 4);

    @Test
    void slashesTheFloorOfBpsOfEachBondAndRecordsTheEventWithoutJailing() {
        long delegated = 10_001; // 3 bps of it is 3.0003: floored to 3
        StakingState state = applied(StakingOperations.createStake(genesis, stake(1), staker(1), delegated));
        state = applied(StakingOperations.delegate(state, stake(1), staker(1), identity(2)));
        state = epochs(state, 1);
        long supplyBefore = state.totalSupply();

        state = applied(Slashing.slashVerification(state, identity(2), SlashingEvent.Reason.VERIFICATION_GUESSING,
                15, REQUEST, 3));

        long selfBonded = 300 * MIRA;
        long expected = selfBonded * 3 / 10_000 + 3;
        assertThat(state.stakeAccount(selfBond(2)).orElseThrow().amount()).isEqualTo(selfBonded - selfBonded * 3 / 10_000);
        assertThat(state.stakeAccount(stake(1)).orElseThrow().amount()).isEqualTo(delegated - 3);
        assertThat(state.slashingEvents()).containsExactly(new SlashingEvent(identity(2),
                SlashingEvent.Reason.VERIFICATION_GUESSING, 15, expected, REQUEST));
        assertThat(state.supply().slashed()).isEqualTo(expected);
        assertThat(state.totalSupply()).isEqualTo(supplyBefore - expected);
        assertThat(state.validator(identity(2)).orElseThrow().status()).isEqualTo(ValidatorStatus.ACTIVE);
        assertThat(state.punishedEvidence()).as("a request may be punished for several members").isEmpty();
    }

    @Test
    void zeroBpsRecordsAnEventOfAmountZero() {
        StakingState state = applied(Slashing.slashVerification(genesis, identity(0),
                SlashingEvent.Reason.VERIFICATION_EQUIVOCATION, 4, REQUEST, 0));

        assertThat(state.slashingEvents()).containsExactly(new SlashingEvent(identity(0),
                SlashingEvent.Reason.VERIFICATION_EQUIVOCATION, 4, 0, REQUEST));
        assertThat(state.supply().slashed()).isZero();
        assertThat(state.stakeAccount(selfBond(0)).orElseThrow().amount()).isEqualTo(100 * MIRA);
    }

    @Test
    void refusesAnUnknownATombstonedAndAnOutOfSetValidator() {
        refusal(genesis, s -> Slashing.slashVerification(s, identity(99), NO_REVEAL, 3, REQUEST, 100),
                StakingError.UNKNOWN_VALIDATOR, "no validator");

        StakingState tombstoned = applied(Slashing.slashDoubleSign(genesis, identity(1), 2, Hash.sha256(new byte[] {1})));
        refusal(tombstoned, s -> Slashing.slashVerification(s, identity(1), NO_REVEAL, 3, REQUEST, 100),
                StakingError.VALIDATOR_TOMBSTONED, "tombstoned");

        // Registered in epoch 0, it joins a set at the next boundary at the earliest.
        StakingState registered = applied(StakingOperations.registerValidator(genesis, identity(9), consensusKey(9), 0,
                selfBond(9), 5 * MIRA));
        refusal(registered, s -> Slashing.slashVerification(s, identity(9), NO_REVEAL, 3, REQUEST, 100),
                StakingError.NOT_IN_SET_AT_HEIGHT, "current epoch 0");
    }

    @Test
    void refusesAConsensusReasonOrBpsOutOfRangeAsProgrammingErrors() {
        assertThatThrownBy(() -> Slashing.slashVerification(genesis, identity(0), SlashingEvent.Reason.DOUBLE_SIGN,
                3, REQUEST, 100)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("double_sign");
        assertThatThrownBy(() -> Slashing.slashVerification(genesis, identity(0), SlashingEvent.Reason.DOWNTIME,
                3, REQUEST, 100)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("downtime");
        assertThatThrownBy(() -> Slashing.slashVerification(genesis, identity(0), NO_REVEAL, 3, REQUEST, 10_001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bps");
    }

    @Test
    void everyReasonButDowntimeNeedsAnEvidenceHash() {
        for (SlashingEvent.Reason reason : SlashingEvent.Reason.values()) {
            boolean downtime = reason == SlashingEvent.Reason.DOWNTIME;
            assertThatThrownBy(() -> new SlashingEvent(identity(0), reason, 1, 0, downtime ? REQUEST : null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason.wireName());
        }
    }
}
