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

import java.util.Set;
import java.util.TreeSet;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class SlashingTest {
    private static final Hash EVIDENCE = Hash.sha256(new byte[]{42});
    private final StakingParameters parameters = StakingFixtures.parameters().with("issuance_per_epoch", "0");
    private final StakingState genesis = StakingFixtures.genesis(parameters, 4);

    @Test
    void doubleSignSlashesBondedAndUnbondingStakeOfTheInfractionButNotLaterStake() {
        StakingState state = applied(StakingOperations.createStake(genesis, stake(1), staker(1), 40 * MIRA));
        state = applied(StakingOperations.delegate(state, stake(1), staker(1), identity(3)));
        state = applied(StakingOperations.createStake(state, stake(2), staker(2), 20 * MIRA));
        state = applied(StakingOperations.delegate(state, stake(2), staker(2), identity(3)));
        state = epochs(state, 1); // both bonded in epoch 1
        long infractionHeight = 15;
        // After the infraction: stake 2 starts unbonding, stake 3 bonds.
        state = applied(StakingOperations.deactivate(state, stake(2), staker(2)));
        state = applied(StakingOperations.createStake(state, stake(3), staker(3), 30 * MIRA));
        state = applied(StakingOperations.delegate(state, stake(3), staker(3), identity(3)));
        state = epochs(state, 1);
        assertThat(state.stakeAccount(stake(2)).orElseThrow().activeAmount()).isZero();
        assertThat(state.stakeAccount(stake(3)).orElseThrow().activeAmount()).isEqualTo(30 * MIRA);
        long supplyBefore = state.totalSupply();

        state = applied(Slashing.slashDoubleSign(state, identity(3), infractionHeight, EVIDENCE));

        long selfBonded = 400 * MIRA;
        assertThat(state.stakeAccount(selfBond(3)).orElseThrow().amount()).isEqualTo(selfBonded - selfBonded / 20);
        assertThat(state.stakeAccount(stake(1)).orElseThrow().amount()).isEqualTo(38 * MIRA);
        assertThat(state.stakeAccount(stake(2)).orElseThrow().amount()).isEqualTo(19 * MIRA);
        assertThat(state.stakeAccount(stake(3)).orElseThrow().amount()).isEqualTo(30 * MIRA);
        long expected = (selfBonded + 60 * MIRA) / 20;
        assertThat(state.slashingEvents()).containsExactly(new SlashingEvent(identity(3),
                SlashingEvent.Reason.DOUBLE_SIGN, infractionHeight, expected, EVIDENCE));
        assertThat(state.totalSupply()).isEqualTo(supplyBefore - expected);
        assertThat(state.supply().slashed()).isEqualTo(expected);
        assertThat(state.validator(identity(3)).orElseThrow().status()).isEqualTo(ValidatorStatus.TOMBSTONED);

        state = epochs(state, 1);
        assertThat(state.validatorSet().orElseThrow().contains(consensusKey(3))).isFalse();
        assertThat(state.validator(identity(3)).orElseThrow().status()).isEqualTo(ValidatorStatus.TOMBSTONED);
    }

    @Test
    void evidenceWindowIsTheUnbondingPeriod() {
        StakingState state = epochs(genesis, 4); // epoch 4, unbonding 3: epochs 1..4 are in reach
        refusal(state, s -> Slashing.slashDoubleSign(s, identity(0), 9, EVIDENCE), StakingError.EVIDENCE_TOO_OLD,
                "infraction epoch 0 is more than 3 unbonding epochs");
        refusal(state, s -> Slashing.slashDoubleSign(s, identity(0), 50, EVIDENCE), StakingError.EVIDENCE_FROM_FUTURE,
                "epoch 5");
        refusal(state, s -> Slashing.slashDoubleSign(s, identity(99), 45, EVIDENCE), StakingError.UNKNOWN_VALIDATOR,
                "no validator");
        applied(Slashing.slashDoubleSign(state, identity(0), 10, EVIDENCE));
    }

    @Test
    void validatorOutsideTheInfractionSetIsRefused() {
        StakingState state = applied(StakingOperations.registerValidator(genesis, identity(9), consensusKey(9), 0,
                selfBond(9), 5 * MIRA));
        refusal(state, s -> Slashing.slashDoubleSign(s, identity(9), 3, EVIDENCE), StakingError.NOT_IN_SET_AT_HEIGHT,
                "epoch 0");
    }

    @Test
    void downtimeJailsSlashesAndTheValidatorUnjailsAfterTheTerm() {
        StakingState state = genesis;
        Set<PublicKey> withoutZero = new TreeSet<>(Set.of(consensusKey(1), consensusKey(2), consensusKey(3)));
        long height = 1;
        // Window 10, at least half must be signed: 5 of 10 passes, the sixth miss (height 11) jails.
        for (; height <= 5; height++) {
            state = applied(Slashing.recordBlockSignatures(state, height, allKeys()));
        }
        for (; state.validator(identity(0)).orElseThrow().status() != ValidatorStatus.JAILED; height++) {
            assertThat(height).isLessThan(12);
            state = applied(Slashing.recordBlockSignatures(state, height, withoutZero));
        }
        long jailedAt = height - 1;
        assertThat(jailedAt).isEqualTo(11);
        SlashingEvent event = state.slashingEvents().get(0);
        assertThat(event.reason()).isEqualTo(SlashingEvent.Reason.DOWNTIME);
        assertThat(event.amount()).isEqualTo(100 * MIRA / 100);
        assertThat(event.evidenceHash()).isNull();
        assertThat(state.validator(identity(0)).orElseThrow().jailedUntilHeight()).isEqualTo(jailedAt + 20);
        assertThat(state.missedBlocks(identity(0))).isZero();

        refusal(state, s -> Slashing.recordBlockSignatures(s, 3, allKeys()), StakingError.HEIGHT_NOT_INCREASING,
                "not above");
        refusal(state, s -> Slashing.recordBlockSignatures(s, 100, Set.of(consensusKey(50))),
                StakingError.UNKNOWN_SIGNER, "not in the set");
        refusal(state, s -> StakingOperations.unjail(s, identity(0), jailedAt + 19), StakingError.JAIL_NOT_OVER,
                "1 blocks remain");
        refusal(state, s -> StakingOperations.unjail(s, identity(1), jailedAt + 19), StakingError.NOT_JAILED,
                "ACTIVE");
        refusal(state, s -> StakingOperations.delegate(applied(StakingOperations.createStake(s, stake(1), staker(1),
                MIRA)), stake(1), staker(1), identity(0)), StakingError.VALIDATOR_JAILED, "jailed until height 31");

        state = epochs(state, 1);
        assertThat(state.validatorSet().orElseThrow().contains(consensusKey(0))).isFalse();
        assertThat(state.validator(identity(0)).orElseThrow().status()).isEqualTo(ValidatorStatus.JAILED);
        state = applied(StakingOperations.unjail(state, identity(0), jailedAt + 20));
        assertThat(state.validator(identity(0)).orElseThrow().status()).isEqualTo(ValidatorStatus.INACTIVE);
        state = epochs(state, 1);
        assertThat(state.validator(identity(0)).orElseThrow().status()).isEqualTo(ValidatorStatus.ACTIVE);
        assertThat(state.validatorSet().orElseThrow().contains(consensusKey(0))).isTrue();
    }

    @Test
    void aNewValidatorIsNotJudgedBeforeItsWindowIsFull() {
        StakingState state = genesis;
        for (long height = 1; height <= 9; height++) {
            state = applied(Slashing.recordBlockSignatures(state, height, Set.of()));
        }
        assertThat(state.slashingEvents()).isEmpty();
        assertThat(state.missedBlocks(identity(0))).isEqualTo(9);
        state = applied(Slashing.recordBlockSignatures(state, 10, Set.of()));
        assertThat(state.slashingEvents()).hasSize(4);
    }

    private static Set<PublicKey> allKeys() {
        return Set.of(consensusKey(0), consensusKey(1), consensusKey(2), consensusKey(3));
    }
}
