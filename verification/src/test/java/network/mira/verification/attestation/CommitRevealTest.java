package network.mira.verification.attestation;

import static network.mira.verification.attestation.AttestationFixtures.REQUEST;
import static network.mira.verification.attestation.AttestationFixtures.attest;
import static network.mira.verification.attestation.AttestationFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import network.mira.core.crypto.KeyPair;
import network.mira.verification.attestation.Participation.Outcome;
import network.mira.verification.committee.Committee;
import network.mira.verification.committee.CommitteeCandidate;
import network.mira.verification.verifier.Verdict;
import org.junit.jupiter.api.Test;

/** Each outcome of the commit–reveal rule, with deadlines commit <= 10, reveal in 11..20. */
class CommitRevealTest {
    private static final Deadlines DEADLINES = Deadlines.after(5, 5, 10);
    private static final int CLAIM = 2;
    private final KeyPair member = key(1);
    private final KeyPair other = key(2);
    private final Committee committee = new Committee(CLAIM, List.of(
            new CommitteeCandidate(member.publicKey(), 10), new CommitteeCandidate(other.publicKey(), 20)));
    private final List<Commit> commits = new ArrayList<>();
    private final List<Reveal> reveals = new ArrayList<>();

    @Test
    void deadlinesAreRelativeToTheRequest() {
        assertThat(DEADLINES).isEqualTo(new Deadlines(10, 20));
        assertThatThrownBy(() -> new Deadlines(10, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchingRevealInTheWindowIsCounted() {
        Attestation attestation = attest(member, CLAIM, Verdict.TRUE, 1);
        commit(attestation, 10);
        reveal(attestation, 11);
        Participation participation = of(member);
        assertThat(participation.outcome()).isEqualTo(Outcome.REVEALED_MATCHING);
        assertThat(participation.counted()).contains(attestation);
        assertThat(participation.outcome().refused() || participation.outcome().slashable()).isFalse();
    }

    @Test
    void revealOnTheRevealDeadlineStillCounts() {
        Attestation attestation = attest(member, CLAIM, Verdict.FALSE, 1);
        commit(attestation, 6);
        reveal(attestation, 20);
        assertThat(of(member).outcome()).isEqualTo(Outcome.REVEALED_MATCHING);
    }

    @Test
    void silentMemberIsAbsentNotSlashed() {
        Participation participation = of(other);
        assertThat(participation.outcome()).isEqualTo(Outcome.ABSENT);
        assertThat(participation.outcome().slashable()).isFalse();
    }

    @Test
    void lateCommitIsRefused() {
        Attestation attestation = attest(member, CLAIM, Verdict.TRUE, 1);
        commit(attestation, 11);
        reveal(attestation, 12);
        Participation participation = of(member);
        assertThat(participation.outcome()).isEqualTo(Outcome.LATE_COMMIT);
        assertThat(participation.reason()).contains("height 11", "commit deadline 10");
        assertThat(participation.outcome().refused()).isTrue();
        assertThat(participation.outcome().slashable()).isFalse();
    }

    @Test
    void lateRevealIsRefusedAndTheCommitIsUnopened() {
        Attestation attestation = attest(member, CLAIM, Verdict.TRUE, 1);
        commit(attestation, 9);
        reveal(attestation, 21);
        Participation participation = of(member);
        assertThat(participation.outcome()).isEqualTo(Outcome.LATE_REVEAL);
        assertThat(participation.reason()).contains("height 21", "reveal deadline 20");
        assertThat(participation.outcome().refused()).isTrue();
        assertThat(participation.outcome().slashable()).isTrue();
        assertThat(participation.counted()).isEmpty();
    }

    @Test
    void earlyRevealIsRefused() {
        Attestation attestation = attest(member, CLAIM, Verdict.TRUE, 1);
        commit(attestation, 9);
        reveal(attestation, 10);
        assertThat(of(member).outcome()).isEqualTo(Outcome.EARLY_REVEAL);
    }

    @Test
    void revealThatDoesNotOpenTheCommitIsRefused() {
        commit(attest(member, CLAIM, Verdict.FALSE, 1), 9);
        reveal(attest(member, CLAIM, Verdict.TRUE, 1), 12);
        Participation participation = of(member);
        assertThat(participation.outcome()).isEqualTo(Outcome.REVEAL_MISMATCH);
        assertThat(participation.reason()).contains("but committed");
        assertThat(participation.outcome().refused()).isTrue();
        assertThat(participation.counted()).isEmpty();
    }

    @Test
    void copiedCommitmentDoesNotOpenForTheCopier() {
        Attestation original = attest(member, CLAIM, Verdict.TRUE, 1);
        commits.add(new Commit(other.publicKey(), original.commitment(), 9));
        reveal(attest(other, CLAIM, Verdict.TRUE, 1), 12);
        assertThat(of(other).outcome()).isEqualTo(Outcome.REVEAL_MISMATCH);
    }

    @Test
    void commitWithoutRevealIsSlashable() {
        commit(attest(member, CLAIM, Verdict.TRUE, 1), 9);
        Participation participation = of(member);
        assertThat(participation.outcome()).isEqualTo(Outcome.COMMIT_WITHOUT_REVEAL);
        assertThat(participation.outcome().slashable()).isTrue();
        assertThat(participation.outcome().refused()).isFalse();
    }

    @Test
    void revealWithoutCommitIsRefused() {
        reveal(attest(member, CLAIM, Verdict.TRUE, 1), 12);
        assertThat(of(member).outcome()).isEqualTo(Outcome.REVEAL_WITHOUT_COMMIT);
    }

    @Test
    void twoDifferentCommitsAreEquivocation() {
        Attestation first = attest(member, CLAIM, Verdict.TRUE, 1);
        commit(first, 8);
        commit(attest(member, CLAIM, Verdict.FALSE, 1), 9);
        reveal(first, 12);
        Participation participation = of(member);
        assertThat(participation.outcome()).isEqualTo(Outcome.DOUBLE_COMMIT);
        assertThat(participation.outcome().slashable()).isTrue();
        assertThat(participation.reason()).contains("2 different commitments");
    }

    @Test
    void twoDifferentRevealsAreEquivocationEvenWithTheSameVerdict() {
        Attestation first = attest(member, CLAIM, Verdict.TRUE, 1);
        commit(first, 8);
        reveal(first, 12);
        reveal(attest(member, CLAIM, Verdict.TRUE, 2), 13);
        Participation participation = of(member);
        assertThat(participation.outcome()).isEqualTo(Outcome.DOUBLE_REVEAL);
        assertThat(participation.outcome().slashable()).isTrue();
        assertThat(participation.reason()).contains("different salts");
    }

    @Test
    void identicalRepeatsAreNotEquivocation() {
        Attestation attestation = attest(member, CLAIM, Verdict.TRUE, 1);
        commit(attestation, 8);
        commit(attestation, 9);
        reveal(attestation, 12);
        reveal(attestation, 13);
        assertThat(of(member).outcome()).isEqualTo(Outcome.REVEALED_MATCHING);
    }

    @Test
    void outsiderIsRefused() {
        KeyPair outsider = key(9);
        Attestation attestation = attest(outsider, CLAIM, Verdict.TRUE, 1);
        commit(attestation, 9);
        reveal(attestation, 12);
        Participation participation = of(outsider);
        assertThat(participation.outcome()).isEqualTo(Outcome.NOT_COMMITTEE_MEMBER);
        assertThat(participation.outcome().slashable()).isFalse();
    }

    @Test
    void everyMemberAndSenderIsClassifiedOnceInIdentityOrder() {
        commit(attest(key(9), CLAIM, Verdict.TRUE, 1), 9);
        List<Participation> all = CommitReveal.classify(REQUEST, committee, DEADLINES, commits, reveals);
        assertThat(all).extracting(Participation::validator)
                .containsExactlyElementsOf(all.stream().map(Participation::validator).sorted().toList())
                .containsExactlyInAnyOrder(member.publicKey(), other.publicKey(), key(9).publicKey());
    }

    @Test
    void revealForAnotherClaimIsAProgrammerError() {
        reveal(attest(member, CLAIM + 1, Verdict.TRUE, 1), 12);
        assertThatThrownBy(() -> CommitReveal.classify(REQUEST, committee, DEADLINES, commits, reveals))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claim " + CLAIM);
    }

    private void commit(Attestation attestation, long height) {
        commits.add(new Commit(attestation.validator(), attestation.commitment(), height));
    }

    private void reveal(Attestation attestation, long height) {
        reveals.add(new Reveal(attestation, height));
    }

    private Participation of(KeyPair validator) {
        return CommitReveal.classify(REQUEST, committee, DEADLINES, commits, reveals).stream()
                .filter(p -> p.validator().equals(validator.publicKey())).findFirst().orElseThrow();
    }
}
