package network.mira.node.verify.attest;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.core.tx.Transaction;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.attestation.AttestationCommitment;
import network.mira.verification.program.MemberSlot;
import network.mira.verification.program.RequestPhase;
import network.mira.verification.verifier.AbstainReason;
import network.mira.verification.verifier.Judgement;
import network.mira.verification.verifier.Verdict;
import network.mira.verification.verifier.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automatic commit–reveal of one validator identity. Each finalized block it is given the open
 * requests with its seats ({@link OpenRequests}) and decides, per request, by the window the next block
 * falls in (a transaction submitted now lands in the next block at the earliest):
 * <ul>
 *   <li>commit window: seats without a commitment and without a local record are judged by the verifier
 *       (asynchronously); each answer gets a fresh salt and a signed attestation, recorded durably
 *       <em>before</em> the commitment is submitted; an abstention commits nothing. Recorded seats not
 *       yet committed on chain are submitted in one commit transaction per request;</li>
 *   <li>reveal window: seats committed on chain and not revealed are revealed from the local record;</li>
 *   <li>after the window: a seat left unrevealed is counted as missed, and the local record dropped.</li>
 * </ul>
 * A seat with a local record is never judged again, so a restart commits the same thing or nothing.
 * A transaction is resubmitted only when the previous one for those seats is neither pending nor landed,
 * and at most once per finalized block per request and kind. Not thread-safe: every call, including the
 * verifier's continuations (through {@code self}), runs on the attestor's one thread.
 */
public final class Attestor {
    private static final Logger LOG = LoggerFactory.getLogger(Attestor.class);

    private final String chainId;
    private final KeyPair identity;
    private final Verifier verifier;
    private final AttestationStore store;
    private final TransactionSink sink;
    private final AttestorMetrics metrics;
    private final Executor self;
    private final AttestationTransactions transactions;
    private final SecureRandom random = new SecureRandom();
    private final Map<PublicKey, SeatProgress> progress = new HashMap<>();
    private long height = -1;

    /** @param self runs the verifier's continuations on the attestor's thread */
    public Attestor(String chainId, KeyPair identity, Verifier verifier, AttestationStore store,
                    TransactionSink sink, AttestorMetrics metrics, Executor self) {
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.store = Objects.requireNonNull(store, "store");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.self = Objects.requireNonNull(self, "self");
        this.transactions = new AttestationTransactions(identity);
    }

    /** One pass over the finalized state at {@code snapshot.height()}. */
    public void onSnapshot(OpenRequests.Snapshot snapshot) {
        if (snapshot.height() <= height) {
            return;
        }
        height = snapshot.height();
        Set<PublicKey> seen = new HashSet<>();
        for (Assignment assignment : snapshot.assignments()) {
            seen.add(assignment.request());
            SeatProgress seats = progress.computeIfAbsent(assignment.request(), request -> new SeatProgress());
            observeLandings(assignment, seats);
            switch (assignment.record().windowAt(height + 1)) {
                case COMMIT -> commitWindow(assignment, seats);
                case REVEAL -> {
                    checkCommitWindowClosed(assignment, seats);
                    revealWindow(assignment, seats);
                }
                case CLOSED -> {
                    checkCommitWindowClosed(assignment, seats);
                    close(assignment, seats);
                }
            }
        }
        prune(seen);
    }

    private void commitWindow(Assignment assignment, SeatProgress seats) {
        Map<Integer, SeatAttestation> recorded = store.seats(assignment.request());
        List<Integer> toJudge = new ArrayList<>();
        for (int claim : assignment.claims()) {
            if (!assignment.seat(claim).committed() && !recorded.containsKey(claim)
                    && !seats.abstained.contains(claim) && !seats.judging.contains(claim)) {
                toJudge.add(claim);
            }
        }
        if (!toJudge.isEmpty()) {
            judge(assignment, seats, toJudge);
        }
        if (seats.judging.isEmpty()) {
            submitCommit(assignment, seats);
        }
    }

    private void judge(Assignment assignment, SeatProgress seats, List<Integer> claims) {
        seats.judging.addAll(claims);
        Map<Integer, CompletableFuture<Judgement>> futures = new HashMap<>();
        for (int claim : claims) {
            futures.put(claim, verifier.judge(assignment.claimText(claim)));
        }
        CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new))
                .whenCompleteAsync((ignored, failure) -> judged(assignment, seats, futures), self);
    }

    /** The verifier's answers, back on the attestor's thread: record them, then commit. */
    private void judged(Assignment assignment, SeatProgress seats, Map<Integer, CompletableFuture<Judgement>> futures) {
        seats.judging.removeAll(futures.keySet());
        List<SeatAttestation> decided = new ArrayList<>();
        for (Map.Entry<Integer, CompletableFuture<Judgement>> entry : futures.entrySet()) {
            int claim = entry.getKey();
            // A verifier's future completes normally by contract; a broken one is treated as an abstention.
            Judgement judgement = entry.getValue().exceptionally(e -> Judgement.abstain(
                    AbstainReason.INTERNAL_ERROR, e.toString())).join();
            if (judgement instanceof Judgement.Abstained abstained) {
                seats.abstained.add(claim);
                metrics.abstained();
                LOG.info("verification: abstaining on claim {} of request {} (nothing committed): {} {}", claim,
                        assignment.request(), abstained.reason(), abstained.detail());
                continue;
            }
            decided.add(new SeatAttestation(assignment.request(), assignment.record().draw().revealDeadline(),
                    attest(assignment, claim, judgement.verdict().orElseThrow())));
        }
        try {
            store.put(decided);
        } catch (IOException | RuntimeException e) {
            // Without a durable record a commitment could never be revealed: commit nothing.
            LOG.error("verification: cannot record attestations for request {}, not committing: {}",
                    assignment.request(), e.toString(), e);
            return;
        }
        if (seats.judging.isEmpty() && assignment.record().windowAt(height + 1) == RequestPhase.Window.COMMIT) {
            submitCommit(assignment, seats);
        }
    }

    private Attestation attest(Assignment assignment, int claim, Verdict verdict) {
        byte[] salt = new byte[AttestationCommitment.SALT_LENGTH];
        random.nextBytes(salt);
        return Attestation.sign(chainId, assignment.record().draw().requestId(), claim, verdict, salt, identity);
    }

    private void submitCommit(Assignment assignment, SeatProgress seats) {
        Set<Integer> busy = settle(seats.commitsInFlight, "commit", assignment.request());
        List<SeatAttestation> due = new ArrayList<>();
        for (SeatAttestation seat : store.seats(assignment.request()).values()) {
            if (!assignment.seat(seat.claimIndex()).committed() && !busy.contains(seat.claimIndex())) {
                due.add(seat);
            }
        }
        if (due.isEmpty() || seats.lastCommitSubmission == height) {
            return;
        }
        seats.lastCommitSubmission = height;
        submit(assignment.request(), seats.commitsInFlight, "commit",
                transactions.commit(assignment.request(), due, sink.recentBlockhash()));
    }

    private void revealWindow(Assignment assignment, SeatProgress seats) {
        Set<Integer> busy = settle(seats.revealsInFlight, "reveal", assignment.request());
        Map<Integer, SeatAttestation> recorded = store.seats(assignment.request());
        List<SeatAttestation> due = new ArrayList<>();
        for (int claim : assignment.claims()) {
            MemberSlot seat = assignment.seat(claim);
            if (!seat.committed() || seat.revealed() || seat.equivocated() || busy.contains(claim)) {
                continue;
            }
            SeatAttestation record = recorded.get(claim);
            if (record == null || !record.commitment().equals(seat.commitment())) {
                if (seats.reportedUnrevealable.add(claim)) {
                    LOG.error("verification: claim {} of request {} holds a commitment of ours that the local "
                            + "attestation store cannot open ({}); it cannot be revealed and will be slashed",
                            claim, assignment.request(), record == null ? "no record" : "a different record");
                }
                continue;
            }
            due.add(record);
        }
        if (due.isEmpty() || seats.lastRevealSubmission == height) {
            return;
        }
        seats.lastRevealSubmission = height;
        submit(assignment.request(), seats.revealsInFlight, "reveal",
                transactions.reveal(assignment.request(), due, sink.recentBlockhash()));
    }

    /** The claims a pending or landed transaction already carries; failed and dropped ones are forgotten. */
    private Set<Integer> settle(Map<Signature, Set<Integer>> inFlight, String kind, PublicKey request) {
        Set<Integer> busy = new HashSet<>();
        inFlight.entrySet().removeIf(entry -> {
            TransactionSink.Fate fate = sink.fate(entry.getKey());
            if (fate == TransactionSink.Fate.PENDING || fate == TransactionSink.Fate.LANDED) {
                busy.addAll(entry.getValue());
                return false;
            }
            if (fate == TransactionSink.Fate.FAILED) {
                LOG.warn("verification: {} transaction {} for request {} failed on chain; submitting again", kind,
                        entry.getKey(), request);
            }
            return true;
        });
        return busy;
    }

    private void submit(PublicKey request, Map<Signature, Set<Integer>> inFlight, String kind,
                        List<AttestationTransactions.Part> parts) {
        for (AttestationTransactions.Part part : parts) {
            Transaction transaction = part.transaction();
            Optional<String> refused = sink.submit(transaction);
            if (refused.isPresent()) {
                LOG.warn("verification: the mempool refused the {} of request {}: {}", kind, request, refused.get());
                continue;
            }
            inFlight.put(transaction.id(), part.claims());
        }
    }

    /** Counts and logs, once, the seats whose commitment or reveal of ours the chain now shows. */
    private void observeLandings(Assignment assignment, SeatProgress seats) {
        Map<Integer, SeatAttestation> recorded = store.seats(assignment.request());
        List<SeatAttestation> committed = new ArrayList<>();
        List<SeatAttestation> revealed = new ArrayList<>();
        for (int claim : assignment.claims()) {
            MemberSlot seat = assignment.seat(claim);
            SeatAttestation record = recorded.get(claim);
            if (record == null || !seat.committed() || !record.commitment().equals(seat.commitment())) {
                continue;
            }
            if (seats.countedCommits.add(claim)) {
                committed.add(record);
            }
            if (seat.revealed() && seats.countedReveals.add(claim)) {
                revealed.add(record);
            }
        }
        if (!committed.isEmpty()) {
            metrics.committed(committed.size());
            LOG.info("verification: committed {} seat(s) on request {} ({}), reveal after height {}", committed.size(),
                    assignment.request(), verdictCounts(committed), assignment.record().draw().commitDeadline());
        }
        if (!revealed.isEmpty()) {
            metrics.revealed(revealed.size());
            LOG.info("verification: revealed {} seat(s) on request {} ({})", revealed.size(), assignment.request(),
                    verdictCounts(revealed));
        }
    }

    private void checkCommitWindowClosed(Assignment assignment, SeatProgress seats) {
        if (seats.commitWindowClosedChecked) {
            return;
        }
        seats.commitWindowClosedChecked = true;
        List<Integer> missed = assignment.claims().stream()
                .filter(claim -> !assignment.seat(claim).committed() && !seats.abstained.contains(claim)).toList();
        if (!missed.isEmpty()) {
            metrics.missed(missed.size());
            LOG.warn("verification: the commit window of request {} closed at height {} without our commitment on "
                    + "claim(s) {}", assignment.request(), assignment.record().draw().commitDeadline(), missed);
        }
    }

    private void close(Assignment assignment, SeatProgress seats) {
        List<Integer> unrevealed = assignment.claims().stream()
                .filter(claim -> assignment.seat(claim).committed() && !assignment.seat(claim).revealed()).toList();
        if (!unrevealed.isEmpty()) {
            metrics.missed(unrevealed.size());
            LOG.warn("verification: the reveal window of request {} closed at height {} with our seat(s) on "
                    + "claim(s) {} unrevealed", assignment.request(), assignment.record().draw().revealDeadline(),
                    unrevealed);
        }
        forget(assignment.request());
    }

    /** Drops the records of requests no longer listed whose reveal window is over, and unlisted progress. */
    private void prune(Set<PublicKey> seen) {
        for (PublicKey request : store.requests()) {
            if (seen.contains(request)) {
                continue;
            }
            long deadline = store.seats(request).values().iterator().next().revealDeadline();
            if (deadline < height) {
                LOG.info("verification: dropping the attestation record of request {} (reveal window ended at "
                        + "height {})", request, deadline);
                forget(request);
            }
        }
        progress.keySet().removeIf(request -> !seen.contains(request) && store.seats(request).isEmpty());
    }

    private void forget(PublicKey request) {
        try {
            store.delete(request);
        } catch (IOException e) {
            LOG.warn("verification: cannot delete the attestation record of request {}: {}", request, e.toString());
            return;
        }
        progress.remove(request);
    }

    private static String verdictCounts(List<SeatAttestation> seats) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        seats.forEach(seat -> counts.merge(seat.attestation().verdict(), 1, Integer::sum));
        return counts.getOrDefault(Verdict.TRUE, 0) + " TRUE, " + counts.getOrDefault(Verdict.FALSE, 0) + " FALSE, "
                + counts.getOrDefault(Verdict.UNCERTAIN, 0) + " UNCERTAIN";
    }
}
