package network.mira.verification.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.committee.CandidatePool;
import network.mira.verification.committee.Committee;
import network.mira.verification.committee.CommitteeCandidate;
import network.mira.verification.committee.CommitteeSelector;
import network.mira.verification.committee.CommitteeSizeException;
import network.mira.verification.stats.GuessingTest;
import network.mira.verification.verdict.FinalVerdict;
import network.mira.verification.verdict.StakeTally;
import network.mira.verification.verdict.VerdictAggregator;
import network.mira.verification.verifier.OracleVerifier;
import network.mira.verification.verifier.Verdict;

/**
 * Runs the verification rules over many claims in one process. Per claim, in order: its truth is a
 * seeded coin; its committee is drawn by {@link CommitteeSelector} from the validators not yet
 * slashed, with a pseudo block hash from the seed; every member answers (honest ones through an
 * {@link OracleVerifier} with its own seed, guessers by a seeded coin) and reveals; the
 * {@link VerdictAggregator} decides. On a decided claim each member's answer is compared with the
 * verdict; after every {@code window} such claims of a validator the {@link GuessingTest} runs on
 * that window, and a rejected validator is slashed and drawn for no later committee. Fewer
 * validators left than the committee size leaves the remaining claims unassigned.
 */
public final class VerificationSimulation {
    private static final long STAKE = 1_000;

    private final SimulationParameters parameters;
    private final SimulationDraws draws;
    private final boolean[] truth;
    private final OracleVerifier[] oracles;
    private final Map<PublicKey, Integer> indexByIdentity = new TreeMap<>();
    private final Tracker[] trackers;
    private final VerdictAggregator aggregator;
    private final int criticalAgreements;

    private VerificationSimulation(SimulationParameters parameters) {
        this.parameters = parameters;
        this.draws = new SimulationDraws(parameters.seed());
        this.truth = new boolean[parameters.claims()];
        for (int claim = 0; claim < truth.length; claim++) {
            truth[claim] = draws.truth(claim);
        }
        this.oracles = new OracleVerifier[parameters.validators()];
        this.trackers = new Tracker[parameters.validators()];
        for (int validator = 0; validator < oracles.length; validator++) {
            oracles[validator] = new OracleVerifier(this::isTrue, parameters.accuracyBps(), draws.oracleSeed(validator));
            trackers[validator] = new Tracker(validator < parameters.guessers());
            indexByIdentity.put(draws.identity(validator), validator);
        }
        if (indexByIdentity.size() != parameters.validators()) {
            throw new IllegalStateException("two simulated identities collided");
        }
        this.aggregator = new VerdictAggregator(parameters.thresholdBps());
        this.criticalAgreements = new GuessingTest(parameters.honestFloorPpm(), parameters.significancePpm())
                .criticalAgreements(parameters.window());
    }

    public static SimulationResult run(SimulationParameters parameters) {
        return new VerificationSimulation(parameters).run();
    }

    private SimulationResult run() {
        int decided = 0;
        int correct = 0;
        int inconclusive = 0;
        int unassigned = 0;
        CandidatePool pool = activePool();
        for (int claim = 0; claim < parameters.claims(); claim++) {
            if (pool == null || pool.size() < parameters.committeeSize()) {
                unassigned++;
                continue;
            }
            FinalVerdict verdict = judge(claim, committee(pool, claim));
            if (verdict == FinalVerdict.INCONCLUSIVE) {
                inconclusive++;
            } else {
                decided++;
                correct += (verdict == FinalVerdict.TRUE) == truth[claim] ? 1 : 0;
            }
            if (slashedThisClaim) {
                slashedThisClaim = false;
                pool = activePool();
            }
        }
        List<ValidatorOutcome> outcomes = new ArrayList<>(trackers.length);
        for (int validator = 0; validator < trackers.length; validator++) {
            outcomes.add(trackers[validator].outcome(validator));
        }
        return new SimulationResult(parameters, outcomes, decided, correct, inconclusive, unassigned,
                criticalAgreements);
    }

    private boolean slashedThisClaim;

    /** Every member answers and reveals; the verdict is aggregated and each member's record updated. */
    private FinalVerdict judge(int claim, Committee committee) {
        Map<PublicKey, Verdict> reveals = new TreeMap<>();
        for (CommitteeCandidate member : committee.members()) {
            int validator = indexByIdentity.get(member.identity());
            boolean answer = answer(validator, claim);
            reveals.put(member.identity(), answer ? Verdict.TRUE : Verdict.FALSE);
            trackers[validator].answered(answer == truth[claim]);
        }
        StakeTally tally = aggregator.aggregate(committee, reveals);
        for (CommitteeCandidate member : committee.members()) {
            FinalVerdict reference = parameters.agreement() == SimulationParameters.Agreement.FINAL
                    ? tally.verdict() : aggregator.peersVerdict(committee, reveals, member.identity());
            if (!reference.isDecided()) {
                continue;
            }
            int validator = indexByIdentity.get(member.identity());
            boolean agreed = (reveals.get(member.identity()) == Verdict.TRUE) == (reference == FinalVerdict.TRUE);
            if (trackers[validator].resolved(agreed, parameters.window(), criticalAgreements, claim)) {
                slashedThisClaim = true;
            }
        }
        return tally.verdict();
    }

    private boolean answer(int validator, int claim) {
        if (trackers[validator].guesser) {
            return draws.guess(validator, claim);
        }
        return oracles[validator].answer(claimText(claim)).verdict().orElseThrow() == Verdict.TRUE;
    }

    private Committee committee(CandidatePool pool, int claim) {
        try {
            return CommitteeSelector.select(pool, draws.blockHash(claim), claim, parameters.committeeSize());
        } catch (CommitteeSizeException e) {
            throw new IllegalStateException("pool size was checked", e);
        }
    }

    /** The validators not slashed, or null if none is left. */
    private CandidatePool activePool() {
        List<CommitteeCandidate> candidates = new ArrayList<>();
        for (Map.Entry<PublicKey, Integer> entry : indexByIdentity.entrySet()) {
            if (!trackers[entry.getValue()].slashed()) {
                candidates.add(new CommitteeCandidate(entry.getKey(), STAKE));
            }
        }
        return candidates.isEmpty() ? null : CandidatePool.of(candidates);
    }

    private boolean isTrue(String claimText) {
        return truth[Integer.parseInt(claimText.substring(CLAIM_PREFIX.length()))];
    }

    private static final String CLAIM_PREFIX = "simulated claim ";

    static String claimText(int claim) {
        return CLAIM_PREFIX + claim;
    }

    /** One validator's counters and its current guessing-test window. */
    private static final class Tracker {
        final boolean guesser;
        int answered;
        int correct;
        int resolved;
        int agreed;
        int windowResolved;
        int windowAgreed;
        int windowsTested;
        int slashedAtClaim = -1;

        Tracker(boolean guesser) {
            this.guesser = guesser;
        }

        boolean slashed() {
            return slashedAtClaim >= 0;
        }

        void answered(boolean right) {
            answered++;
            correct += right ? 1 : 0;
        }

        /** Records a resolved claim; true when this completes a window and the test slashes. */
        boolean resolved(boolean agreedWithVerdict, int window, int critical, int claim) {
            resolved++;
            windowResolved++;
            if (agreedWithVerdict) {
                agreed++;
                windowAgreed++;
            }
            if (windowResolved < window || slashed()) {
                return false;
            }
            windowsTested++;
            boolean rejects = windowAgreed <= critical;
            windowResolved = 0;
            windowAgreed = 0;
            if (rejects) {
                slashedAtClaim = claim;
            }
            return rejects;
        }

        ValidatorOutcome outcome(int index) {
            return new ValidatorOutcome(index, guesser, answered, correct, resolved, agreed, windowsTested,
                    slashedAtClaim);
        }
    }
}
