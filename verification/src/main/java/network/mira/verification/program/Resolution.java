package network.mira.verification.program;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.staking.SlashingEvent;
import network.mira.verification.certificate.StakeTally;
import network.mira.verification.committee.Committee;
import network.mira.verification.committee.CommitteeCandidate;
import network.mira.verification.verdict.FinalVerdict;
import network.mira.verification.verdict.VerdictAggregator;
import network.mira.verification.verifier.Verdict;

/**
 * What a request's reveal deadline decides, computed from its record alone:
 * <ul>
 *   <li>each claim's tally and verdict ({@link VerdictAggregator}: a verdict needs its stake to reach the
 *       threshold of the committee's stake; otherwise INCONCLUSIVE);</li>
 *   <li>the fee: split equally between claims; a decided claim's share goes to the members that revealed
 *       the final verdict, pro rata to stake, floored; the share of an inconclusive claim, the remainder of
 *       the split and the flooring dust go back to the requester;</li>
 *   <li>offences, one per member and request and kind: committed without revealing, committed twice
 *       differently;</li>
 *   <li>observations for the guessing test: a member that revealed TRUE or FALSE, on a claim the rest of
 *       its committee decided without it, agreed or not with those peers. Peers, not the final verdict,
 *       because a member's own vote helps make the final verdict: measured against it, a random guesser
 *       agrees far more often than half the time (docs/verification.md, "Detecting guessers").</li>
 * </ul>
 */
public record Resolution(RequestRecord resolved, SortedMap<PublicKey, Long> payouts, long refund,
                         List<Offence> offences, List<Observation> observations) {
    public record Offence(PublicKey validator, SlashingEvent.Reason reason) {}

    public record Observation(PublicKey validator, boolean agreed) {}

    public static Resolution of(RequestRecord request, long height) {
        if (request.phase() != RequestPhase.OPEN) {
            throw new IllegalArgumentException("only an open request resolves, this one is " + request.phase());
        }
        List<CommitteeCandidate> pool = request.draw().pool();
        int claimCount = request.claims().size();
        long share = request.fee() / claimCount;
        long refund = request.fee() - share * claimCount;
        SortedMap<PublicKey, Long> payouts = new TreeMap<>();
        Map<PublicKey, SlashingEvent.Reason> noReveal = new TreeMap<>();
        Map<PublicKey, SlashingEvent.Reason> equivocation = new TreeMap<>();
        List<Observation> observations = new ArrayList<>();
        List<ClaimState> claims = new ArrayList<>(claimCount);
        long paid = 0;
        VerdictAggregator aggregator = new VerdictAggregator(request.thresholdBps());
        for (int index = 0; index < claimCount; index++) {
            ClaimState claim = request.claims().get(index);
            List<CommitteeCandidate> members = new ArrayList<>();
            Map<PublicKey, Verdict> counted = new TreeMap<>();
            for (MemberSlot seat : claim.seats()) {
                CommitteeCandidate member = pool.get(seat.poolIndex());
                members.add(member);
                if (seat.counts()) {
                    counted.put(member.identity(), seat.verdict());
                }
                if (seat.equivocated()) {
                    equivocation.put(member.identity(), SlashingEvent.Reason.VERIFICATION_EQUIVOCATION);
                } else if (seat.committed() && !seat.revealed()) {
                    noReveal.put(member.identity(), SlashingEvent.Reason.VERIFICATION_NO_REVEAL);
                }
            }
            Committee committee = new Committee(index, members);
            var tally = aggregator.aggregate(committee, counted);
            FinalVerdict verdict = tally.verdict();
            claims.add(claim.resolved(verdict, new StakeTally(tally.stakeTrue(), tally.stakeFalse(),
                    tally.stakeUncertain(), tally.stakeMissing())));
            long claimPaid = verdict.isDecided() ? pay(claim, pool, verdict, share, payouts) : 0;
            paid = Math.addExact(paid, claimPaid);
            refund = Math.addExact(refund, share - claimPaid);
            observe(aggregator, committee, counted, observations);
        }
        List<Offence> offences = new ArrayList<>();
        noReveal.forEach((validator, reason) -> offences.add(new Offence(validator, reason)));
        equivocation.forEach((validator, reason) -> offences.add(new Offence(validator, reason)));
        RequestRecord resolved = request.resolved(claims, new RequestRecord.Settlement(height, paid, refund));
        return new Resolution(resolved, payouts, refund, List.copyOf(offences), List.copyOf(observations));
    }

    private static long pay(ClaimState claim, List<CommitteeCandidate> pool, FinalVerdict verdict, long share,
                            SortedMap<PublicKey, Long> payouts) {
        Verdict winning = verdict == FinalVerdict.TRUE ? Verdict.TRUE : Verdict.FALSE;
        long winnerStake = 0;
        for (MemberSlot seat : claim.seats()) {
            if (seat.counts() && seat.verdict() == winning) {
                winnerStake = Math.addExact(winnerStake, pool.get(seat.poolIndex()).stake());
            }
        }
        long paid = 0;
        for (MemberSlot seat : claim.seats()) {
            if (!seat.counts() || seat.verdict() != winning) {
                continue;
            }
            CommitteeCandidate member = pool.get(seat.poolIndex());
            long amount = BigInteger.valueOf(share).multiply(BigInteger.valueOf(member.stake()))
                    .divide(BigInteger.valueOf(winnerStake)).longValueExact();
            if (amount > 0) {
                payouts.merge(member.identity(), amount, Math::addExact);
                paid = Math.addExact(paid, amount);
            }
        }
        return paid;
    }

    /** Each member that revealed TRUE or FALSE, against the verdict of the rest of its committee, when decided. */
    private static void observe(VerdictAggregator aggregator, Committee committee, Map<PublicKey, Verdict> counted,
                                List<Observation> observations) {
        for (Map.Entry<PublicKey, Verdict> reveal : counted.entrySet()) {
            if (reveal.getValue() == Verdict.UNCERTAIN) {
                continue;
            }
            FinalVerdict peers = aggregator.peersVerdict(committee, counted, reveal.getKey());
            if (peers.isDecided()) {
                boolean agreed = (peers == FinalVerdict.TRUE) == (reveal.getValue() == Verdict.TRUE);
                observations.add(new Observation(reveal.getKey(), agreed));
            }
        }
    }
}
