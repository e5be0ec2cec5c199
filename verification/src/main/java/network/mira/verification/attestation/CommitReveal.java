package network.mira.verification.attestation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.attestation.Participation.Outcome;
import network.mira.verification.committee.Committee;

/**
 * The commit–reveal rule for one claim, as a pure function of the messages included on chain, their
 * heights, the claim's committee and its {@link Deadlines}. Each validator that sent anything, and
 * each committee member, gets exactly one {@link Participation}; the checks run in this order and the
 * first that applies decides:
 * <ol>
 *   <li>not on the committee: NOT_COMMITTEE_MEMBER;
 *   <li>two different commitments, at any heights: DOUBLE_COMMIT;
 *   <li>two different attestations (verdict or salt), at any heights: DOUBLE_REVEAL;
 *   <li>nothing at all: ABSENT;
 *   <li>no commit by the commit deadline: LATE_COMMIT if it committed later, else REVEAL_WITHOUT_COMMIT;
 *   <li>no reveal: COMMIT_WITHOUT_REVEAL;
 *   <li>a reveal in the window that opens the commitment: REVEALED_MATCHING;
 *   <li>a reveal in the window that does not: REVEAL_MISMATCH;
 *   <li>otherwise its reveal was outside the window: EARLY_REVEAL or LATE_REVEAL.
 * </ol>
 * Identical repeats of a message are not equivocation and are ignored. Reveals' signatures are
 * checked on admission ({@link Attestation#verify}), before this rule sees them.
 */
public final class CommitReveal {
    /** Most messages one claim's classification takes: bounds the work per claim. */
    public static final int MAX_MESSAGES = 4 * 1024;

    private CommitReveal() {}

    /**
     * @return one participation per validator, in identity order
     * @throws IllegalArgumentException if a reveal is for another request or claim, or there are too many messages
     */
    public static List<Participation> classify(Hash requestId, Committee committee, Deadlines deadlines,
                                               List<Commit> commits, List<Reveal> reveals) {
        if (commits.size() + reveals.size() > MAX_MESSAGES) {
            throw new IllegalArgumentException("more than " + MAX_MESSAGES + " messages for one claim");
        }
        TreeMap<PublicKey, List<Commit>> commitsBy = new TreeMap<>();
        TreeMap<PublicKey, List<Reveal>> revealsBy = new TreeMap<>();
        for (Commit commit : commits) {
            commitsBy.computeIfAbsent(commit.validator(), key -> new ArrayList<>()).add(commit);
        }
        for (Reveal reveal : reveals) {
            Attestation attestation = reveal.attestation();
            if (!attestation.requestId().equals(requestId) || attestation.claimIndex() != committee.claimIndex()) {
                throw new IllegalArgumentException("reveal " + attestation + " is not for request " + requestId
                        + " claim " + committee.claimIndex());
            }
            revealsBy.computeIfAbsent(reveal.validator(), key -> new ArrayList<>()).add(reveal);
        }
        TreeSet<PublicKey> validators = new TreeSet<>(committee.identities());
        validators.addAll(commitsBy.keySet());
        validators.addAll(revealsBy.keySet());
        List<Participation> result = new ArrayList<>(validators.size());
        for (PublicKey validator : validators) {
            result.add(classifyOne(validator, committee.contains(validator), deadlines,
                    commitsBy.getOrDefault(validator, List.of()), revealsBy.getOrDefault(validator, List.of())));
        }
        return List.copyOf(result);
    }

    static Participation classifyOne(PublicKey validator, boolean member, Deadlines deadlines, List<Commit> commits,
                                     List<Reveal> reveals) {
        if (!member) {
            return refused(validator, Outcome.NOT_COMMITTEE_MEMBER, validator + " is not on the claim's committee");
        }
        List<Hash> commitments = commits.stream().map(Commit::commitment).distinct().toList();
        if (commitments.size() > 1) {
            return refused(validator, Outcome.DOUBLE_COMMIT, validator + " committed " + commitments.size()
                    + " different commitments: " + commitments.get(0) + " and " + commitments.get(1));
        }
        Optional<String> doubleReveal = differentAttestations(reveals);
        if (doubleReveal.isPresent()) {
            return refused(validator, Outcome.DOUBLE_REVEAL, validator + " revealed " + doubleReveal.get());
        }
        if (commits.isEmpty() && reveals.isEmpty()) {
            return refused(validator, Outcome.ABSENT, validator + " neither committed nor revealed");
        }
        Optional<Commit> timely = commits.stream().filter(c -> c.height() <= deadlines.commitDeadline()).findFirst();
        if (timely.isEmpty()) {
            return commits.isEmpty()
                    ? refused(validator, Outcome.REVEAL_WITHOUT_COMMIT, validator + " revealed without committing")
                    : refused(validator, Outcome.LATE_COMMIT, validator + " committed at height "
                            + commits.get(0).height() + ", after the commit deadline " + deadlines.commitDeadline());
        }
        return classifyReveal(validator, timely.get(), deadlines, reveals);
    }

    private static Participation classifyReveal(PublicKey validator, Commit commit, Deadlines deadlines,
                                                List<Reveal> reveals) {
        if (reveals.isEmpty()) {
            return refused(validator, Outcome.COMMIT_WITHOUT_REVEAL, validator + " committed at height "
                    + commit.height() + " and did not reveal by the reveal deadline " + deadlines.revealDeadline());
        }
        Optional<Reveal> inWindow = reveals.stream().filter(r -> r.height() > deadlines.commitDeadline()
                && r.height() <= deadlines.revealDeadline()).findFirst();
        if (inWindow.isPresent()) {
            Attestation attestation = inWindow.get().attestation();
            if (attestation.commitment().equals(commit.commitment())) {
                return new Participation(validator, Outcome.REVEALED_MATCHING, validator + " revealed "
                        + attestation.verdict() + " matching its commitment", Optional.of(attestation));
            }
            return refused(validator, Outcome.REVEAL_MISMATCH, validator + " revealed an attestation with commitment "
                    + attestation.commitment() + " but committed " + commit.commitment());
        }
        long height = reveals.get(0).height();
        return height <= deadlines.commitDeadline()
                ? refused(validator, Outcome.EARLY_REVEAL, validator + " revealed at height " + height
                        + ", not after the commit deadline " + deadlines.commitDeadline())
                : refused(validator, Outcome.LATE_REVEAL, validator + " revealed at height " + height
                        + ", after the reveal deadline " + deadlines.revealDeadline());
    }

    private static Optional<String> differentAttestations(List<Reveal> reveals) {
        for (int i = 1; i < reveals.size(); i++) {
            Attestation first = reveals.get(0).attestation();
            Attestation other = reveals.get(i).attestation();
            if (!first.sameContent(other)) {
                return Optional.of("two different attestations: " + first.verdict() + " and " + other.verdict()
                        + (first.verdict() == other.verdict() ? " with different salts" : ""));
            }
        }
        return Optional.empty();
    }

    private static Participation refused(PublicKey validator, Outcome outcome, String reason) {
        return new Participation(validator, outcome, reason, Optional.empty());
    }
}
