package network.mira.verification.sim;

import network.mira.verification.stats.GuessingTest;
import network.mira.verification.verdict.VerdictAggregator;

/**
 * One simulation's inputs, all integers. Validators have equal stake; the first {@code guessers} of
 * them answer TRUE or FALSE with a fair coin, the rest are oracles right with {@code accuracyBps}.
 *
 * @param window          resolved claims per guessing test of one validator
 * @param honestFloorPpm  p0 of the guessing test
 * @param significancePpm alpha of the guessing test
 */
public record SimulationParameters(int validators, int claims, int committeeSize, int accuracyBps, int guessers,
                                   long seed, int thresholdBps, int window, int honestFloorPpm,
                                   int significancePpm, Agreement agreement) {
    /**
     * What a member's answer is compared with for the guessing test. {@code FINAL}: the claim's final
     * verdict (the rule), which the member's own vote helps decide, so a guesser's agreement is
     * lifted well above one half. {@code PEERS}: the verdict of the rest of its committee (the same
     * threshold over their stake), which the member cannot influence; claims its peers leave undecided
     * do not count for it.
     */
    public enum Agreement { FINAL, PEERS }

    /** Judged against the final verdict. */
    public SimulationParameters(int validators, int claims, int committeeSize, int accuracyBps, int guessers,
                                long seed, int thresholdBps, int window, int honestFloorPpm, int significancePpm) {
        this(validators, claims, committeeSize, accuracyBps, guessers, seed, thresholdBps, window, honestFloorPpm,
                significancePpm, Agreement.FINAL);
    }

    public static final int MAX_VALIDATORS = 1_000;
    public static final int MAX_CLAIMS = 10_000_000;

    public SimulationParameters {
        require(validators >= 1 && validators <= MAX_VALIDATORS, "validators must be 1.." + MAX_VALIDATORS);
        require(claims >= 1 && claims <= MAX_CLAIMS, "claims must be 1.." + MAX_CLAIMS);
        require(committeeSize >= 1 && committeeSize <= validators, "committee must be 1..validators");
        require(accuracyBps >= 0 && accuracyBps <= 10_000, "accuracy must be 0..10000 bps");
        require(guessers >= 0 && guessers <= validators, "guessers must be 0..validators");
        require(window >= 1 && window <= GuessingTest.MAX_WINDOW, "window must be 1.." + GuessingTest.MAX_WINDOW);
        new VerdictAggregator(thresholdBps);
        new GuessingTest(honestFloorPpm, significancePpm);
        require(agreement != null, "agreement must be FINAL or PEERS");
    }

    /** The example run: 16 validators, 10,000 claims, committees of 5, accuracy 0.8, 2 guessers. */
    public static SimulationParameters defaults(long seed) {
        return new SimulationParameters(16, 10_000, 5, 8_000, 2, seed, VerdictAggregator.DEFAULT_THRESHOLD_BPS,
                200, 700_000, 1_000);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
