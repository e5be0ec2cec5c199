package network.mira.settlement.bft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scripted runs: each states what must happen and checks safety afterwards. */
class ScenarioTest {
    private static final long[] FOUR_EQUAL = {10, 10, 10, 10};

    private static void assertSafe(Simulation sim) {
        SimReport report = sim.check();
        assertThat(report.safe()).as(report.toString()).isTrue();
    }

    @Test
    void oneOfFourCrashedKeepsFinalizing() {
        Simulation sim = Simulation.simple(11, 4, Set.of(), false);
        sim.crashAt(0, 3);
        sim.start();
        assertThat(sim.runUntilHeight(50, 120_000)).as("seed 11: " + sim.describe()).isTrue();
        assertThat(sim.finalizedHeight(3)).isLessThan(50);
        assertSafe(sim);
    }

    @Test
    void twoOfFourCrashedStallThenResumeAfterRestart() {
        Simulation sim = Simulation.simple(12, 4, Set.of(), false);
        sim.crashAt(500, 2);
        sim.crashAt(500, 3);
        sim.restartAt(10_000, 2);
        sim.restartAt(10_000, 3);
        sim.start();
        sim.runUntil(1_500);
        long stalledAt = sim.finalizedHeight(0);
        sim.runUntil(9_900);
        assertThat(sim.finalizedHeight(0)).as("no quorum, no progress").isEqualTo(stalledAt);
        assertThat(sim.finalizedHeight(1)).isLessThanOrEqualTo(stalledAt);
        assertThat(sim.runUntilHeight(stalledAt + 30, 200_000)).as("seed 12: " + sim.describe()).isTrue();
        assertSafe(sim);
    }

    @Test
    void evenPartitionStallsThenHeals() {
        Simulation sim = Simulation.simple(13, 4, Set.of(), false);
        sim.partitionAt(500, new int[] {0, 0, 1, 1});
        sim.healAt(10_000);
        sim.start();
        sim.runUntil(1_500);
        long stalledAt = sim.finalizedHeight(0);
        sim.runUntil(9_900);
        for (int node = 0; node < 4; node++) {
            assertThat(sim.finalizedHeight(node)).isLessThanOrEqualTo(stalledAt + 1);
        }
        assertThat(sim.runUntilHeight(stalledAt + 30, 200_000)).as("seed 13: " + sim.describe()).isTrue();
        assertSafe(sim);
    }

    @Test
    void byzantineDoubleSignerProducesEvidenceWithRealSignatures() {
        Simulation sim = Simulation.simple(14, 4, Set.of(2), true);
        sim.start();
        assertThat(sim.runUntilHeight(30, 120_000)).isTrue();
        assertSafe(sim);
        assertThat(sim.evidence()).isNotEmpty();
        assertThat(sim.evidence()).allSatisfy(e -> assertThat(e.first().validator()).isEqualTo(e.second().validator()));
        // The evidence reached finalized blocks: what was reported, by the one double-signer.
        var reported = sim.evidence().stream().map(e -> e.hash()).toList();
        var equivocator = sim.evidence().get(0).validator();
        assertThat(sim.includedEvidence()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.validator()).isEqualTo(equivocator))
                .allSatisfy(e -> assertThat(reported).contains(e.hash()));
        assertThat(sim.check().evidenceIncluded()).isEqualTo(sim.includedEvidence().size());
    }

    @Test
    void oneTwinPairAmongFourValidatorsStaysSafe() {
        for (long seed = 20; seed < 30; seed++) {
            // nodes 3 and 4 both run validator key 3, each with its own (correct) signer
            Simulation sim = new Simulation(seed, FOUR_EQUAL, new int[] {0, 1, 2, 3, 3}, Set.of(), Set.of(), false);
            sim.partitionAt(0, new int[] {0, 0, 0, 0, 1});
            sim.lossyAt(0, 0.1, 0.1);
            sim.healAt(3_000);
            sim.start();
            assertThat(sim.runUntilHeight(30, 200_000)).as("seed " + seed + ": " + sim.describe()).isTrue();
            assertSafe(sim);
        }
    }

    /** Proof that the checker can fail: two twin pairs are half the stake, more than f. */
    @Test
    void moreThanOneThirdByzantineStakeForksAndTheCheckerSeesIt() {
        Simulation sim = new Simulation(31, FOUR_EQUAL, new int[] {0, 1, 2, 3, 0, 1}, Set.of(), Set.of(), false);
        // side 0: keys 0,1,2 (nodes 0,1,2); side 1: keys 0,1,3 (nodes 4,5,3). Each side holds 3/4 of the stake.
        sim.partitionAt(0, new int[] {0, 0, 0, 1, 1, 1});
        sim.start();
        sim.runUntil(20_000);
        SimReport report = sim.check();
        assertThat(report.safetyViolations()).as(report.toString()).isNotEmpty();
    }

    @Test
    void oneDivergentNodeRaisesItsAlarmWhileTheOthersFinalize() {
        Simulation sim = new Simulation(15, FOUR_EQUAL, new int[] {0, 1, 2, 3}, Set.of(), Set.of(3), false);
        sim.start();
        assertThat(sim.runUntilHeight(20, 200_000)).as(sim.describe()).isTrue();
        assertThat(sim.divergenceAlarm(3)).isTrue();
        assertSafe(sim);
    }

    @Test
    void halfTheStakeDivergingStallsRatherThanForks() {
        Simulation sim = new Simulation(16, FOUR_EQUAL, new int[] {0, 1, 2, 3}, Set.of(), Set.of(2, 3), false);
        sim.start();
        sim.runUntil(30_000);
        for (int node = 0; node < 4; node++) {
            assertThat(sim.finalizedHeight(node)).isZero();
        }
        assertThat(sim.divergenceAlarm(0) || sim.divergenceAlarm(1)).isTrue();
        assertSafe(sim);
    }

    /**
     * Stake moves at height 20: validator 0 goes from a quarter of the stake to 40 of 43. With the
     * other three crashed before the boundary nothing is finalized; crashed just before it, the
     * chain goes on with validator 0 alone from exactly the boundary, each certificate verifying
     * against its height's set.
     */
    @Test
    void votingPowerChangesExactlyAtTheBoundary() {
        long[] moved = {40, 1, 1, 1};
        Simulation stalled = Simulation.simple(15, 4, Set.of(), false);
        stalled.changeStakesAt(20, moved);
        for (int node = 1; node < 4; node++) {
            stalled.crashAt(0, node);
        }
        stalled.start();
        assertThat(stalled.runUntilHeight(1, 30_000)).as("a quarter of the stake cannot finalize").isFalse();

        Simulation sim = Simulation.simple(15, 4, Set.of(), false);
        sim.changeStakesAt(20, moved);
        sim.start();
        assertThat(sim.runUntilHeight(19, 120_000)).as(sim.describe()).isTrue();
        for (int node = 1; node < 4; node++) {
            sim.crashAt(sim.nowMs(), node);
        }
        assertThat(sim.runUntilHeight(35, 300_000)).as("validator 0 alone holds > 2/3 from height 20: "
                + sim.describe()).isTrue();
        assertSafe(sim);
        assertThat(sim.validatorsAt(19).totalStake()).isEqualTo(40);
        assertThat(sim.validatorsAt(20).totalStake()).isEqualTo(43);
        for (long height = 22; height <= 35; height++) {
            assertThat(sim.certificate(0, height).signatures()).as("height %d", height).hasSize(1);
        }
    }

    private static network.mira.settlement.staking.StakingParameters simStaking(long downtimeWindow) {
        return network.mira.settlement.staking.StakingParameters.byName(java.util.Map.of(
                "epoch_blocks", "10", "unbonding_epochs", "2", "min_self_bond", "1", "downtime_window",
                Long.toString(downtimeWindow), "downtime_min_signed_bps", "5000", "jail_blocks", "10",
                "issuance_per_epoch", "0"));
    }

    /**
     * A byzantine double-signer's evidence reaches a block, the staking rules slash and tombstone it,
     * and from the epoch after the next boundary it is no longer in the set; the others go on.
     */
    @Test
    void aDoubleSignerIsSlashedTombstonedAndLeavesTheSet() {
        Simulation sim = Simulation.simple(16, 4, Set.of(2), false);
        sim.enableStaking(simStaking(1_000));
        sim.start();
        assertThat(sim.runUntilHeight(60, 300_000)).as(sim.describe()).isTrue();
        SimReport report = sim.check();
        assertThat(report.safe()).as(report.toString()).isTrue();
        assertThat(report.validatorsSlashed()).isEqualTo(1);
        network.mira.core.crypto.PublicKey byzantine = sim.nodeKey(2);
        assertThat(sim.stakingState().validators().get(byzantine).status())
                .isEqualTo(network.mira.settlement.staking.ValidatorStatus.TOMBSTONED);
        assertThat(sim.validatorsAt(1).contains(byzantine)).isTrue();
        assertThat(sim.validatorsAt(60).contains(byzantine)).as("gone from the set").isFalse();
        assertThat(sim.validatorsAt(60).size()).isEqualTo(3);
    }

    /** A validator that is down past the downtime window is jailed; back up, it unjails and rejoins. */
    @Test
    void anOfflineValidatorIsJailedThenUnjailsAndRejoins() {
        Simulation sim = Simulation.simple(17, 4, Set.of(), false);
        sim.enableStaking(simStaking(10));
        sim.crashAt(0, 3);
        sim.start();
        assertThat(sim.runUntilHeight(25, 300_000)).as(sim.describe()).isTrue();
        network.mira.core.crypto.PublicKey offline = sim.nodeKey(3);
        assertThat(sim.check().validatorsJailed()).isEqualTo(1);
        assertThat(sim.validatorsAt(45).contains(offline)).as("jailed: out of the set").isFalse();

        sim.restartAt(sim.nowMs(), 3);
        long back = sim.honestUpMinHeight();
        assertThat(sim.runUntilHeight(back + 40, 600_000)).as(sim.describe()).isTrue();
        assertThat(sim.stakingState().validators().get(offline).status())
                .isNotEqualTo(network.mira.settlement.staking.ValidatorStatus.JAILED);
        assertThat(sim.validatorsAt(sim.honestUpMinHeight() + 1).contains(offline)).as("rejoined").isTrue();
        assertSafe(sim);
    }

    @Test
    void sameSeedSameRun() {
        FaultPlan.Outcome first = FaultPlan.run(77, 7, FaultPlan.Fault.PARTITION, 40, false);
        FaultPlan.Outcome second = FaultPlan.run(77, 7, FaultPlan.Fault.PARTITION, 40, false);
        assertThat(first.report()).isEqualTo(second.report());
    }
}
