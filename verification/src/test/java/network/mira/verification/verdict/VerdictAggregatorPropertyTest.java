package network.mira.verification.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.committee.Committee;
import network.mira.verification.committee.CommitteeCandidate;
import network.mira.verification.verifier.Verdict;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class VerdictAggregatorPropertyTest {

    /** A member's stake and its reveal; a null verdict is a missing reveal. */
    record Vote(long stake, Verdict verdict) {}

    @Provide
    Arbitrary<List<Vote>> votes() {
        Arbitrary<Long> stakes = Arbitraries.oneOf(Arbitraries.longs().between(1, 100),
                Arbitraries.longs().between(1, Long.MAX_VALUE / 64));
        Arbitrary<Verdict> verdicts = Arbitraries.of(Verdict.values()).injectNull(0.25);
        return stakes.flatMap(stake -> verdicts.map(v -> new Vote(stake, v)))
                .list().ofMinSize(1).ofMaxSize(32);
    }

    @Property(tries = 2000)
    void neverDecidedBelowTheThresholdAndAlwaysDecidedAtIt(@ForAll("votes") List<Vote> votes,
                                                          @ForAll @IntRange(min = 5_001, max = 10_000) int thresholdBps) {
        StakeTally tally = new VerdictAggregator(thresholdBps).aggregate(committee(votes), reveals(votes));
        BigInteger base = BigInteger.valueOf(thresholdBps).multiply(BigInteger.valueOf(tally.committeeStake()));
        boolean trueReaches = BigInteger.valueOf(tally.stakeTrue()).multiply(BigInteger.valueOf(10_000))
                .compareTo(base) >= 0;
        boolean falseReaches = BigInteger.valueOf(tally.stakeFalse()).multiply(BigInteger.valueOf(10_000))
                .compareTo(base) >= 0;
        assertThat(trueReaches && falseReaches).isFalse();
        FinalVerdict expected = trueReaches ? FinalVerdict.TRUE : falseReaches ? FinalVerdict.FALSE
                : FinalVerdict.INCONCLUSIVE;
        assertThat(tally.verdict()).isEqualTo(expected);
        assertThat(tally.stakeTrue() + tally.stakeFalse() + tally.stakeUncertain() + tally.stakeMissing())
                .isEqualTo(tally.committeeStake());
    }

    @Property(tries = 1000)
    void permutationInvariant(@ForAll("votes") List<Vote> votes, @ForAll @LongRange(min = 0) long shuffleSeed) {
        VerdictAggregator aggregator = VerdictAggregator.withDefaultThreshold();
        StakeTally original = aggregator.aggregate(committee(votes), reveals(votes));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < votes.size(); i++) {
            order.add(i);
        }
        // Test-only shuffle: which member holds which identity changes, and so does the map's order.
        Collections.shuffle(order, new java.util.Random(shuffleSeed));
        List<Vote> permuted = new ArrayList<>();
        for (int index : order) {
            permuted.add(votes.get(index));
        }
        assertThat(aggregator.aggregate(committee(permuted), reveals(permuted))).isEqualTo(original);
        Map<PublicKey, Verdict> reversed = new LinkedHashMap<>();
        List<Map.Entry<PublicKey, Verdict>> entries = new ArrayList<>(reveals(votes).entrySet());
        Collections.reverse(entries);
        entries.forEach(entry -> reversed.put(entry.getKey(), entry.getValue()));
        assertThat(aggregator.aggregate(committee(votes), reversed)).isEqualTo(original);
    }

    private static Committee committee(List<Vote> votes) {
        List<CommitteeCandidate> members = new ArrayList<>();
        for (int i = 0; i < votes.size(); i++) {
            members.add(new CommitteeCandidate(VerdictAggregatorTest.key(i + 1), votes.get(i).stake()));
        }
        return new Committee(0, members);
    }

    private static Map<PublicKey, Verdict> reveals(List<Vote> votes) {
        Map<PublicKey, Verdict> map = new LinkedHashMap<>();
        for (int i = 0; i < votes.size(); i++) {
            if (votes.get(i).verdict() != null) {
                map.put(VerdictAggregatorTest.key(i + 1), votes.get(i).verdict());
            }
        }
        return map;
    }
}
