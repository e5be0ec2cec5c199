package network.mira.settlement.bft.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded run with one kind of fault: faults are active early in the run, then the network heals
 * and every honest node must reach the target height within a bound (liveness).
 */
public final class FaultPlan {
    public enum Fault { NONE, CRASH, PARTITION, BYZANTINE }

    /** Simulated time by which every fault has ended. */
    public static final long FAULTS_END_MS = 4_000;
    /** Liveness bound after the faults end, in simulated time. */
    public static final long LIVENESS_BOUND_MS = 600_000;

    /**
     * {@code finalState} describes every node when the run was not live, for the failure message.
     * A run with a byzantine validator passes only if its double-sign was reported and the
     * evidence reached a finalized block.
     */
    public record Outcome(SimReport report, boolean live, boolean evidenceExpected, String finalState) {
        public boolean ok() {
            return report.safe() && live && (!evidenceExpected || evidenceIncluded());
        }

        /** Evidence was reported and is inside a finalized block. */
        public boolean evidenceIncluded() {
            return report.evidenceReports() > 0 && report.evidenceIncluded() > 0;
        }
    }

    private FaultPlan() {}

    public static Outcome run(long seed, int validators, Fault fault, int heights, boolean realEd25519) {
        return run(seed, validators, fault, heights, realEd25519, false);
    }

    /** @param unevenStakes stakes drawn from 1..100 per validator instead of all equal */
    public static Outcome run(long seed, int validators, Fault fault, int heights, boolean realEd25519,
                              boolean unevenStakes) {
        return run(seed, validators, fault, heights, realEd25519, unevenStakes, null);
    }

    /**
     * @param staking when not null, the staking rules run on the simulated chain with these
     *                parameters (jailing, slashing, epoch set changes) and choose each epoch's set
     */
    public static Outcome run(long seed, int validators, Fault fault, int heights, boolean realEd25519,
                              boolean unevenStakes, network.mira.settlement.staking.StakingParameters staking) {
        SplittableRandom plan = new SplittableRandom(seed ^ 0x5DEECE66DL);
        long[] stakes = new long[validators];
        int[] nodeKeys = new int[validators];
        for (int i = 0; i < validators; i++) {
            stakes[i] = unevenStakes ? 1 + plan.nextInt(100) : 10;
            nodeKeys[i] = i;
        }
        Set<Integer> faulty = pickFaulty(plan, stakes);
        Set<Integer> byzantine = fault == Fault.BYZANTINE ? faulty : Set.of();
        Simulation sim = new Simulation(seed, stakes, nodeKeys, byzantine, Set.of(), realEd25519);
        if (staking != null) {
            sim.enableStaking(staking);
        }
        sim.setDelayMsMax(1 + plan.nextInt(40));
        switch (fault) {
            case NONE, BYZANTINE -> { }
            case CRASH -> planCrashes(sim, plan, faulty);
            case PARTITION -> planPartition(sim, plan, validators);
        }
        sim.healAt(FAULTS_END_MS);
        sim.start();
        sim.runUntil(FAULTS_END_MS);
        boolean live = sim.runUntilHeight(heights, FAULTS_END_MS + LIVENESS_BOUND_MS);
        return new Outcome(sim.check(), live, !byzantine.isEmpty(), live ? "" : sim.describe());
    }

    /**
     * Validators in a random order, each taken while the faulty stake stays below a third (the
     * most BFT tolerates); may be empty (for 1-3 equal validators, or one validator with most stake).
     */
    static Set<Integer> pickFaulty(SplittableRandom plan, long[] stakes) {
        long total = 0;
        for (long stake : stakes) {
            total += stake;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < stakes.length; i++) {
            order.add(i);
        }
        for (int i = order.size() - 1; i > 0; i--) {
            Collections.swap(order, i, plan.nextInt(i + 1));
        }
        Set<Integer> chosen = new HashSet<>();
        long faultyStake = 0;
        for (int node : order) {
            if (3 * (faultyStake + stakes[node]) < total) {
                chosen.add(node);
                faultyStake += stakes[node];
            }
        }
        return chosen;
    }

    private static void planCrashes(Simulation sim, SplittableRandom plan, Set<Integer> chosen) {
        sim.lossyAt(0, 0.05, 0.05);
        for (int node : chosen) {
            long crash = 100 + plan.nextLong(1_500);
            sim.crashAt(crash, node);
            sim.restartAt(Math.min(FAULTS_END_MS, crash + 200 + plan.nextLong(2_000)), node);
        }
    }

    private static void planPartition(Simulation sim, SplittableRandom plan, int validators) {
        int[] sides = new int[validators];
        for (int i = 0; i < validators; i++) {
            sides[i] = plan.nextInt(2);
        }
        long start = plan.nextLong(1_000);
        sim.lossyAt(start, 0.1, 0.05);
        sim.partitionAt(start, sides);
        // healAt(FAULTS_END_MS) is set by the caller; an earlier heal makes some runs shorter.
        sim.healAt(start + 500 + plan.nextLong(2_500));
    }
}
