package network.mira.verification.program;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import network.mira.verification.stats.GuessingTest;
import network.mira.verification.verdict.Threshold;

/**
 * The verification program's genesis parameters, set like the staking ones with {@code --genesis-param
 * NAME=VALUE} when a chain is created. Integers only: fractions are basis points (1/10,000) or parts per
 * million, so every node computes the same result.
 *
 * @param commitBlocks         blocks after the committee draw during which members may commit
 * @param revealBlocks         blocks after the commit deadline during which members may reveal
 * @param defaultCommittee     committee size of a request that does not name one
 * @param maxCommittee         largest committee a request may ask for
 * @param defaultThresholdBps  verdict threshold of a request that does not name one
 * @param minFee               least fee a request pays, in lamports
 * @param maxRequestsPerBlock  requests one block may open (bounds the per-block draw work)
 * @param slashNoRevealBps     slash of a member that committed and did not reveal, per claim
 * @param slashEquivocationBps slash of a member that committed or revealed twice differently
 * @param slashGuessingBps     slash of a member the guessing test rejects
 * @param guessingWindow       resolved claims per guessing test
 * @param honestFloorPpm       the least accuracy an honest validator is assumed to have
 * @param significancePpm      the chance of slashing a validator exactly at the honest floor
 * @param exclusionEpochs      epochs a validator slashed for guessing is left out of committees
 */
public record VerificationParameters(long commitBlocks, long revealBlocks, long defaultCommittee, long maxCommittee,
                                     long defaultThresholdBps, long minFee, long maxRequestsPerBlock,
                                     long slashNoRevealBps, long slashEquivocationBps, long slashGuessingBps,
                                     long guessingWindow, long honestFloorPpm, long significancePpm,
                                     long exclusionEpochs) {
    private static final long BPS = 10_000;

    private record Spec(String name, long min, long max, ToLongFunction<VerificationParameters> value) {}

    /** Names as written in genesis and on the command line, in field order. */
    private static final List<Spec> SPECS = List.of(
            new Spec("verification_commit_blocks", 1, 10_000, VerificationParameters::commitBlocks),
            new Spec("verification_reveal_blocks", 1, 10_000, VerificationParameters::revealBlocks),
            new Spec("verification_default_committee", 1, 1_000, VerificationParameters::defaultCommittee),
            new Spec("verification_max_committee", 1, 1_000, VerificationParameters::maxCommittee),
            new Spec("verification_default_threshold_bps", Threshold.MIN_BPS, Threshold.MAX_BPS,
                    VerificationParameters::defaultThresholdBps),
            new Spec("verification_min_fee", 0, Long.MAX_VALUE / 2, VerificationParameters::minFee),
            new Spec("verification_max_requests_per_block", 1, 1_000, VerificationParameters::maxRequestsPerBlock),
            new Spec("verification_slash_no_reveal_bps", 0, BPS, VerificationParameters::slashNoRevealBps),
            new Spec("verification_slash_equivocation_bps", 0, BPS, VerificationParameters::slashEquivocationBps),
            new Spec("verification_slash_guessing_bps", 0, BPS, VerificationParameters::slashGuessingBps),
            new Spec("verification_guessing_window", 1, GuessingTest.MAX_WINDOW,
                    VerificationParameters::guessingWindow),
            new Spec("verification_honest_floor_ppm", 1, GuessingTest.PPM_DENOMINATOR - 1,
                    VerificationParameters::honestFloorPpm),
            new Spec("verification_significance_ppm", 1, GuessingTest.PPM_DENOMINATOR - 1,
                    VerificationParameters::significancePpm),
            new Spec("verification_exclusion_epochs", 0, 1_000_000, VerificationParameters::exclusionEpochs));

    public VerificationParameters {
        long[] values = {commitBlocks, revealBlocks, defaultCommittee, maxCommittee, defaultThresholdBps, minFee,
                maxRequestsPerBlock, slashNoRevealBps, slashEquivocationBps, slashGuessingBps, guessingWindow,
                honestFloorPpm, significancePpm, exclusionEpochs};
        for (int i = 0; i < SPECS.size(); i++) {
            Spec spec = SPECS.get(i);
            if (values[i] < spec.min() || values[i] > spec.max()) {
                throw new IllegalArgumentException("genesis parameter " + spec.name() + " must be between "
                        + spec.min() + " and " + spec.max() + ", got " + values[i]);
            }
        }
        if (defaultCommittee > maxCommittee) {
            throw new IllegalArgumentException("genesis parameter verification_default_committee (" + defaultCommittee
                    + ") must not exceed verification_max_committee (" + maxCommittee + ")");
        }
    }

    /**
     * Four blocks to commit and four to reveal; committees of 5 deciding at two thirds; 1% for a missing
     * reveal, 5% for equivocation, 10% and four epochs out of committees for guessing, tested every 100
     * resolved claims against an honest floor of 70% at a significance of 0.1%.
     */
    public static VerificationParameters defaults() {
        return new VerificationParameters(4, 4, 5, 64, Threshold.DEFAULT_BPS, 10_000, 64, 100, 500, 1_000, 100,
                700_000, 1_000, 4);
    }

    public static List<String> names() {
        return SPECS.stream().map(Spec::name).toList();
    }

    /** The defaults overridden by those of {@code overrides} that are verification parameters; others ignored. */
    public static VerificationParameters fromGenesis(Map<String, Long> overrides) {
        long[] values = new long[SPECS.size()];
        VerificationParameters defaults = defaults();
        for (int i = 0; i < SPECS.size(); i++) {
            Spec spec = SPECS.get(i);
            values[i] = overrides.getOrDefault(spec.name(), spec.value().applyAsLong(defaults));
        }
        return new VerificationParameters(values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                values[7], values[8], values[9], values[10], values[11], values[12], values[13]);
    }

    /** Every parameter by name, sorted, as genesis writes them. */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new TreeMap<>();
        for (Spec spec : SPECS) {
            map.put(spec.name(), spec.value().applyAsLong(this));
        }
        return map;
    }

    /** The guessing detector these parameters define. */
    public GuessingTest guessingTest() {
        return new GuessingTest((int) honestFloorPpm, (int) significancePpm);
    }
}
