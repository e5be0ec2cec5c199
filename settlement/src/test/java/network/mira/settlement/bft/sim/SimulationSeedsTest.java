package network.mira.settlement.bft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import network.mira.settlement.bft.sim.FaultPlan.Fault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Many seeded runs per (validators, fault). The system property {@code mira.sim.seeds} raises the
 * seed count for a long run; a failure names its seed so the run can be replayed alone.
 */
class SimulationSeedsTest {
    private static final int SEEDS = Integer.getInteger("mira.sim.seeds", 50);
    private static final int HEIGHTS = Integer.getInteger("mira.sim.heights", 100);

    @ParameterizedTest(name = "{0} validators, {1}, uneven stakes {2}")
    @CsvSource({"4, NONE, false", "4, CRASH, false", "4, PARTITION, false", "4, BYZANTINE, false",
                "7, NONE, false", "7, CRASH, false", "7, PARTITION, false", "7, BYZANTINE, false",
                "5, CRASH, true", "6, BYZANTINE, true"})
    void seedsHoldSafetyAndLiveness(int validators, Fault fault, boolean unevenStakes) {
        // Runs are independent and each is deterministic in its seed, so they may run in parallel.
        List<FaultPlan.Outcome> outcomes = LongStream.range(0, SEEDS).map(i -> 1000L * validators + i).parallel()
                .mapToObj(seed -> FaultPlan.run(seed, validators, fault, HEIGHTS, false, unevenStakes)).toList();
        List<String> failures = new ArrayList<>();
        long heights = 0;
        for (FaultPlan.Outcome outcome : outcomes) {
            heights += outcome.report().heightsFinalized();
            if (!outcome.ok()) {
                failures.add("live=" + outcome.live() + " " + outcome.report() + " " + outcome.finalState());
            }
            if (outcome.evidenceExpected()) {
                assertThat(outcome.report().evidenceIncluded()).as("evidence in a block: " + outcome.report())
                        .isPositive();
            }
        }
        assertThat(failures).as("failing seeds (replay with FaultPlan.run(seed, ...))").isEmpty();
        assertThat(heights).isGreaterThanOrEqualTo((long) SEEDS * HEIGHTS);
    }

    /** Simulator-sized staking: epochs of 10 blocks, a downtime window of 20, slashing on. */
    private static final network.mira.settlement.staking.StakingParameters STAKING =
            network.mira.settlement.staking.StakingParameters.byName(java.util.Map.of("epoch_blocks", "10",
                    "unbonding_epochs", "2", "min_self_bond", "1", "downtime_window", "20",
                    "downtime_min_signed_bps", "5000", "jail_blocks", "10", "issuance_per_epoch", "0"));

    /**
     * The same safety and liveness checks while the staking rules change the validator set every
     * epoch: crashed validators are jailed and leave the set, byzantine ones are slashed and
     * tombstoned. Every byzantine run must slash, every crash run with a long outage may jail.
     */
    @ParameterizedTest(name = "staking: {0} validators, {1}")
    @CsvSource({"4, CRASH", "4, BYZANTINE", "7, CRASH", "7, BYZANTINE"})
    void seedsHoldSafetyAndLivenessAcrossValidatorSetChanges(int validators, Fault fault) {
        int seeds = Math.max(1, SEEDS / 2);
        List<FaultPlan.Outcome> outcomes = LongStream.range(0, seeds).map(i -> 5000L * validators + i).parallel()
                .mapToObj(seed -> FaultPlan.run(seed, validators, fault, HEIGHTS, false, false, STAKING)).toList();
        List<String> failures = new ArrayList<>();
        for (FaultPlan.Outcome outcome : outcomes) {
            if (!outcome.ok()) {
                failures.add("live=" + outcome.live() + " " + outcome.report() + " " + outcome.finalState());
            }
            if (fault == Fault.BYZANTINE && outcome.evidenceExpected()) {
                assertThat(outcome.report().validatorsSlashed()).as("slashed: " + outcome.report()).isPositive();
            }
        }
        assertThat(failures).as("failing seeds (replay with FaultPlan.run(seed, ..., STAKING))").isEmpty();
        if (fault == Fault.CRASH) {
            assertThat(outcomes.stream().mapToInt(o -> o.report().validatorsJailed()).sum())
                    .as("some crash outlasts the downtime window").isPositive();
        }
    }
}
