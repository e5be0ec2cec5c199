package network.mira.verification.committee;

import static network.mira.verification.committee.CommitteeFixtures.blockHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Over 20,000 draws (distinct block hashes, claim indexes 0..63) each validator sits on committees
 * as often as stake-weighted sampling without replacement predicts: within 4 standard deviations of
 * the exact inclusion probability (binomial deviation over the draws, at most 0.0035 here). The draws
 * are deterministic, so this passes or fails the same way on every run.
 */
class StakeProportionTest {
    private static final int DRAWS = 20_000;
    private static final long[] STAKES = {1_000, 2_000, 3_000, 5_000, 8_000, 13_000, 21_000};

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {1, 2, 3, 5})
    void selectionShareMatchesSamplingWithoutReplacement(int k) throws CommitteeSizeException {
        CandidatePool pool = CommitteeFixtures.pool(STAKES);
        int[] seats = new int[STAKES.length];
        for (int draw = 0; draw < DRAWS; draw++) {
            Committee committee = CommitteeSelector.select(pool, blockHash(draw), draw % 64, k);
            for (CommitteeCandidate member : committee.members()) {
                seats[pool.candidates().indexOf(member)]++;
            }
        }
        double[] expected = inclusionProbabilities(STAKES, k);
        assertThat(Arrays.stream(expected).sum()).isCloseTo(k, offset(1e-9));
        List<String> report = new ArrayList<>();
        for (int i = 0; i < STAKES.length; i++) {
            double observed = (double) seats[i] / DRAWS;
            double deviation = Math.sqrt(expected[i] * (1 - expected[i]) / DRAWS);
            report.add(String.format(Locale.ROOT, "stake %d: observed %.4f expected %.4f (sd %.4f)",
                    STAKES[i], observed, expected[i], deviation));
            assertThat(Math.abs(observed - expected[i])).as(report.get(i)).isLessThanOrEqualTo(4 * deviation);
        }
        System.out.println("k = " + k + ": " + String.join("; ", report));
    }

    /**
     * Exact inclusion probabilities of successive sampling: the probability of having drawn set S (in
     * any order) is the sum over its last member j of P(S - j) * stake_j / (stake outside S - j).
     */
    static double[] inclusionProbabilities(long[] stakes, int k) {
        int n = stakes.length;
        long total = 0;
        for (long stake : stakes) {
            total += stake;
        }
        double[] drawn = new double[1 << n];
        drawn[0] = 1;
        double[] inclusion = new double[n];
        for (int set = 0; set < drawn.length; set++) {
            int size = Integer.bitCount(set);
            if (drawn[set] == 0 || size > k) {
                continue;
            }
            if (size == k) {
                for (int i = 0; i < n; i++) {
                    if ((set & (1 << i)) != 0) {
                        inclusion[i] += drawn[set];
                    }
                }
                continue;
            }
            long remaining = total;
            for (int i = 0; i < n; i++) {
                if ((set & (1 << i)) != 0) {
                    remaining -= stakes[i];
                }
            }
            for (int j = 0; j < n; j++) {
                if ((set & (1 << j)) == 0) {
                    drawn[set | (1 << j)] += drawn[set] * stakes[j] / remaining;
                }
            }
        }
        return inclusion;
    }
}
