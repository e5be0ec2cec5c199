package network.mira.verification.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.committee.Committee;
import network.mira.verification.committee.CommitteeCandidate;
import network.mira.verification.verifier.Verdict;
import org.junit.jupiter.api.Test;

class VerdictAggregatorTest {
    private final VerdictAggregator aggregator = VerdictAggregator.withDefaultThreshold();

    static PublicKey key(int fill) {
        byte[] bytes = new byte[PublicKey.LENGTH];
        Arrays.fill(bytes, (byte) fill);
        return PublicKey.wrap(bytes);
    }

    static Committee committee(long... stakes) {
        List<CommitteeCandidate> members = new ArrayList<>();
        for (int i = 0; i < stakes.length; i++) {
            members.add(new CommitteeCandidate(key(i + 1), stakes[i]));
        }
        return new Committee(0, members);
    }

    /** Reveals by member number (1-based, as in {@link #key}); null means no reveal. */
    static Map<PublicKey, Verdict> reveals(Verdict... verdicts) {
        Map<PublicKey, Verdict> map = new LinkedHashMap<>();
        for (int i = 0; i < verdicts.length; i++) {
            if (verdicts[i] != null) {
                map.put(key(i + 1), verdicts[i]);
            }
        }
        return map;
    }

    @Test
    void fourOfFiveEqualStakesDecideThreeDoNot() {
        Committee five = committee(10, 10, 10, 10, 10);
        StakeTally decided = aggregator.aggregate(five,
                reveals(Verdict.TRUE, Verdict.TRUE, Verdict.TRUE, Verdict.TRUE, Verdict.FALSE));
        assertThat(decided).isEqualTo(new StakeTally(40, 10, 0, 0, 50, 6_667, FinalVerdict.TRUE));
        StakeTally open = aggregator.aggregate(five,
                reveals(Verdict.FALSE, Verdict.FALSE, Verdict.FALSE, Verdict.TRUE, Verdict.TRUE));
        assertThat(open.verdict()).isEqualTo(FinalVerdict.INCONCLUSIVE);
        assertThat(open.stakeForVerdict()).isZero();
    }

    @Test
    void twoOfThreeIsBelowTheDefaultThresholdBecause6667IsAboveTwoThirds() {
        Committee three = committee(1, 1, 1);
        assertThat(aggregator.aggregate(three, reveals(Verdict.FALSE, Verdict.FALSE, Verdict.TRUE)).verdict())
                .isEqualTo(FinalVerdict.INCONCLUSIVE);
        assertThat(new VerdictAggregator(6_666).aggregate(three,
                reveals(Verdict.FALSE, Verdict.FALSE, Verdict.TRUE)).verdict()).isEqualTo(FinalVerdict.FALSE);
    }

    @Test
    void reachingMeansGreaterOrEqual() {
        // 6,667 of 10,000 stake is exactly the threshold.
        Committee committee = committee(6_667, 3_333);
        assertThat(aggregator.aggregate(committee, reveals(Verdict.TRUE, Verdict.FALSE)).verdict())
                .isEqualTo(FinalVerdict.TRUE);
        Committee justBelow = committee(6_666, 3_334);
        assertThat(aggregator.aggregate(justBelow, reveals(Verdict.TRUE, Verdict.FALSE)).verdict())
                .isEqualTo(FinalVerdict.INCONCLUSIVE);
        assertThat(new VerdictAggregator(10_000).aggregate(committee(5, 5), reveals(Verdict.FALSE, Verdict.FALSE))
                .verdict()).isEqualTo(FinalVerdict.FALSE);
    }

    @Test
    void uncertainAndMissingCountTowardNeitherButStayInTheBase() {
        Committee committee = committee(30, 30, 20, 20);
        StakeTally tally = aggregator.aggregate(committee, reveals(Verdict.TRUE, Verdict.TRUE, Verdict.UNCERTAIN, null));
        assertThat(tally).isEqualTo(new StakeTally(60, 0, 20, 20, 100, 6_667, FinalVerdict.INCONCLUSIVE));
        StakeTally nobody = aggregator.aggregate(committee, Map.of());
        assertThat(nobody.stakeMissing()).isEqualTo(100);
        assertThat(nobody.verdict()).isEqualTo(FinalVerdict.INCONCLUSIVE);
    }

    @Test
    void hugeStakesCompareWithoutOverflow() {
        long big = Long.MAX_VALUE / 4;
        Committee committee = committee(big, big, big);
        assertThat(aggregator.aggregate(committee, reveals(Verdict.TRUE, Verdict.TRUE, Verdict.TRUE)).verdict())
                .isEqualTo(FinalVerdict.TRUE);
        assertThat(aggregator.aggregate(committee, reveals(Verdict.TRUE, Verdict.TRUE, null)).verdict())
                .isEqualTo(FinalVerdict.INCONCLUSIVE);
    }

    @Test
    void refusesOutsidersAndBadThresholds() {
        Committee committee = committee(1, 1);
        Map<PublicKey, Verdict> outsider = Map.of(key(9), Verdict.TRUE);
        assertThatThrownBy(() -> aggregator.aggregate(committee, outsider))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the committee");
        assertThatThrownBy(() -> new VerdictAggregator(5_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerdictAggregator(10_001)).isInstanceOf(IllegalArgumentException.class);
    }
}
