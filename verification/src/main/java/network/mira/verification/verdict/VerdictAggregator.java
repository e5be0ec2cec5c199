package network.mira.verification.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.committee.Committee;
import network.mira.verification.committee.CommitteeCandidate;
import network.mira.verification.verifier.Verdict;

/**
 * Decides a claim by stake. A verdict V (TRUE or FALSE) is final when its stake <em>reaches</em> the
 * threshold, meaning greater than or equal:
 * <pre>
 *   stake_V * 10,000 &gt;= threshold_bps * committee_stake
 * </pre>
 * compared exactly (128-bit products, no rounding). Otherwise the claim is INCONCLUSIVE. UNCERTAIN
 * and missing reveals count toward neither verdict but stay in the committee's stake, so abstaining
 * makes a decision harder, never easier. The threshold is above 5,000 bps, so at most one verdict
 * can reach it. With the default 6,667 bps (just above 2/3) an equal-stake committee of 3 needs all
 * three votes, of 5 needs four, of 7 needs five.
 */
public final class VerdictAggregator {
    public static final int BPS_DENOMINATOR = Threshold.MAX_BPS;
    /** Two thirds of the committee's stake, rounded up to a whole basis point. */
    public static final int DEFAULT_THRESHOLD_BPS = Threshold.DEFAULT_BPS;

    private final int thresholdBps;

    /** @param thresholdBps 5,001 to 10,000 basis points of the committee's stake */
    public VerdictAggregator(int thresholdBps) {
        if (thresholdBps < Threshold.MIN_BPS || thresholdBps > Threshold.MAX_BPS) {
            throw new IllegalArgumentException("threshold must be 5001..10000 bps, got " + thresholdBps);
        }
        this.thresholdBps = thresholdBps;
    }

    public static VerdictAggregator withDefaultThreshold() {
        return new VerdictAggregator(DEFAULT_THRESHOLD_BPS);
    }

    public int thresholdBps() {
        return thresholdBps;
    }

    /**
     * @param reveals the revealed verdict of each member that revealed; members absent from the map
     *                did not reveal. Members are read in the committee's identity order, so the map's
     *                own order never matters.
     * @throws IllegalArgumentException if a reveal comes from someone outside the committee
     */
    public StakeTally aggregate(Committee committee, Map<PublicKey, Verdict> reveals) {
        long stakeTrue = 0;
        long stakeFalse = 0;
        long stakeUncertain = 0;
        long stakeMissing = 0;
        int found = 0;
        for (CommitteeCandidate member : committee.members()) {
            Verdict verdict = reveals.get(member.identity());
            if (verdict == null) {
                stakeMissing += member.stake();
                continue;
            }
            found++;
            switch (verdict) {
                case TRUE -> stakeTrue += member.stake();
                case FALSE -> stakeFalse += member.stake();
                case UNCERTAIN -> stakeUncertain += member.stake();
            }
        }
        if (found != reveals.size()) {
            throw new IllegalArgumentException((reveals.size() - found)
                    + " reveal(s) from outside the committee of claim " + committee.claimIndex());
        }
        long committeeStake = committee.totalStake();
        FinalVerdict verdict = Threshold.verdict(stakeTrue, stakeFalse, committeeStake, thresholdBps);
        return new StakeTally(stakeTrue, stakeFalse, stakeUncertain, stakeMissing, committeeStake, thresholdBps,
                verdict);
    }

    /**
     * The verdict of the committee without {@code member}: the same threshold over the others' stake and
     * reveals, which the member cannot influence. The guessing test compares a member with it
     * (docs/verification.md, "Detecting guessers"); a committee of one has no peers: INCONCLUSIVE.
     */
    public FinalVerdict peersVerdict(Committee committee, Map<PublicKey, Verdict> reveals, PublicKey member) {
        List<CommitteeCandidate> peers = new ArrayList<>(committee.members());
        peers.removeIf(candidate -> candidate.identity().equals(member));
        if (peers.isEmpty()) {
            return FinalVerdict.INCONCLUSIVE;
        }
        Map<PublicKey, Verdict> peerReveals = new TreeMap<>(reveals);
        peerReveals.remove(member);
        return aggregate(new Committee(committee.claimIndex(), peers), peerReveals).verdict();
    }

}
