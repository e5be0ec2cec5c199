package network.mira.node.verify.attest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.CompiledInstruction;
import network.mira.core.tx.Transaction;
import network.mira.verification.program.ClaimState;
import network.mira.verification.program.MemberSlot;
import network.mira.verification.program.RequestBody;
import network.mira.verification.program.RequestPhase;
import network.mira.verification.program.RequestRecord;
import network.mira.verification.program.VerificationParameters;
import network.mira.verification.program.VerificationProgram;
import network.mira.verification.verdict.FinalVerdict;
import network.mira.verification.verifier.DisabledVerifier;
import network.mira.verification.verifier.Judgement;
import network.mira.verification.verifier.KnowledgeBaseVerifier;
import network.mira.verification.verifier.Verdict;
import network.mira.verification.verifier.Verifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attestor's decisions against the real verification program: the chain runs the hook and the
 * attestor's transactions block by block; the attestor sees each finalized height through
 * {@link OpenRequests}. Windows: drawn at d, commits up to d + 2, reveals up to d + 4.
 */
class AttestorTest {
    private static final String TRUE_CLAIM = "Paris is the capital of France.";
    private static final String FALSE_CLAIM = "Sydney is the capital of Australia.";
    private static final byte COMMIT = 3;
    private static final byte REVEAL = 4;

    @TempDir
    Path dir;

    private AttestorChain chain;
    private KeyPair validator;
    private KeyPair requester;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void chain() {
        chain = new AttestorChain(VerificationParameters.fromGenesis(Map.of("verification_commit_blocks", 2L,
                "verification_reveal_blocks", 2L)), 100);
        validator = chain.validators().get(0);
        requester = AttestorChain.key("requester");
        chain.fund(requester.publicKey(), 10 * AttestorChain.MIRA);
        registry = new SimpleMeterRegistry();
    }

    private Attestor attestor(Verifier verifier) throws Exception {
        return new Attestor(AttestorChain.CHAIN_ID, validator, verifier, AttestationStore.open(dir.resolve("store")),
                chain, new AttestorMetrics(registry), Runnable::run);
    }

    /** Records the request in the next block; returns its account. */
    private PublicKey request(String... claims) {
        chain.finalizeBlock(chain.transaction(requester, VerificationProgram.request(requester.publicKey(), 1, 50_000,
                0, 0, RequestBody.claims(List.of(claims)))));
        return VerificationProgram.requestAddress(requester.publicKey(), 1);
    }

    private void blocks(Attestor attestor, int count) {
        for (int i = 0; i < count; i++) {
            chain.finalizeBlock();
            attestor.onSnapshot(chain.openRequests().of(validator.publicKey()).orElseThrow());
        }
    }

    private List<Byte> submittedKinds() {
        List<Byte> kinds = new ArrayList<>();
        for (Transaction transaction : chain.submitted) {
            CompiledInstruction instruction = transaction.message().instructions().get(0);
            kinds.add(instruction.data()[0]);
        }
        return kinds;
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void commitsOnceThenRevealsOnceAndTheRequestResolvesWithTheVerifiersVerdicts() throws Exception {
        Attestor attestor = attestor(KnowledgeBaseVerifier.sample());
        PublicKey request = request(TRUE_CLAIM, FALSE_CLAIM);

        blocks(attestor, 8);

        assertThat(submittedKinds()).containsExactly(COMMIT, REVEAL);
        RequestRecord resolved = chain.request(request);
        assertThat(resolved.phase()).isEqualTo(RequestPhase.RESOLVED);
        assertThat(resolved.claims()).extracting(ClaimState::verdict)
                .containsExactly(FinalVerdict.TRUE, FinalVerdict.FALSE);
        assertThat(resolved.settlement().paid()).isEqualTo(50_000);
        assertThat(counter("mira_verification_attestations", "phase", "commit")).isEqualTo(2);
        assertThat(counter("mira_verification_attestations", "phase", "reveal")).isEqualTo(2);
        assertThat(counter("mira_verification_seats_missed")).isZero();
        assertThat(AttestationStore.open(dir.resolve("store")).requests()).as("pruned after the reveal window")
                .isEmpty();
    }

    @Test
    void aRestartAfterTheCommitRevealsTheRecordedSaltAndNeverCommitsAgain() throws Exception {
        PublicKey request = request(TRUE_CLAIM, FALSE_CLAIM);
        blocks(attestor(KnowledgeBaseVerifier.sample()), 2);
        assertThat(submittedKinds()).containsExactly(COMMIT);
        byte[] salt = AttestationStore.open(dir.resolve("store")).seats(request).get(0).attestation().salt();

        CountingVerifier answersOtherwise = new CountingVerifier(Verdict.UNCERTAIN);
        blocks(attestor(answersOtherwise), 6);

        assertThat(answersOtherwise.calls).hasValue(0);
        assertThat(submittedKinds()).containsExactly(COMMIT, REVEAL);
        RequestRecord resolved = chain.request(request);
        assertThat(resolved.claims().get(0).seats()).extracting(MemberSlot::salt).containsExactly(salt);
        assertThat(resolved.claims()).extracting(ClaimState::verdict)
                .containsExactly(FinalVerdict.TRUE, FinalVerdict.FALSE);
    }

    @Test
    void aSeatRecordedButNeverSubmittedBeforeACrashIsCommittedAsRecordedNotJudgedAgain() throws Exception {
        chain.refuse = transaction -> true;
        PublicKey request = request(TRUE_CLAIM, FALSE_CLAIM);
        blocks(attestor(KnowledgeBaseVerifier.sample()), 1);
        AttestationStore recorded = AttestationStore.open(dir.resolve("store"));
        assertThat(recorded.seats(request)).containsOnlyKeys(0, 1);
        chain.refuse = transaction -> false;

        CountingVerifier answersOtherwise = new CountingVerifier(Verdict.UNCERTAIN);
        blocks(attestor(answersOtherwise), 7);

        assertThat(answersOtherwise.calls).hasValue(0);
        RequestRecord resolved = chain.request(request);
        assertThat(resolved.claims().get(1).seats().get(0).commitment())
                .isEqualTo(recorded.seats(request).get(1).commitment());
        assertThat(resolved.claims()).extracting(ClaimState::verdict)
                .containsExactly(FinalVerdict.TRUE, FinalVerdict.FALSE);
    }

    @Test
    void aRefusedCommitIsSubmittedAgainOncePerBlockWhileTheWindowIsOpen() throws Exception {
        Attestor attestor = attestor(KnowledgeBaseVerifier.sample());
        AtomicInteger refusals = new AtomicInteger();
        chain.refuse = transaction -> refusals.incrementAndGet() == 1;
        PublicKey request = request(TRUE_CLAIM);

        blocks(attestor, 8);

        assertThat(submittedKinds()).containsExactly(COMMIT, COMMIT, REVEAL);
        assertThat(chain.request(request).claims().get(0).verdict()).isEqualTo(FinalVerdict.TRUE);
    }

    @Test
    void anAbstentionCommitsNothingAndIsNotAMissedSeat() throws Exception {
        Attestor attestor = attestor(new DisabledVerifier());
        PublicKey request = request(TRUE_CLAIM, FALSE_CLAIM);

        blocks(attestor, 8);

        assertThat(chain.submitted).isEmpty();
        assertThat(counter("mira_verification_abstentions")).isEqualTo(2);
        assertThat(counter("mira_verification_seats_missed")).isZero();
        assertThat(chain.request(request).claims()).extracting(ClaimState::verdict)
                .containsOnly(FinalVerdict.INCONCLUSIVE);
    }

    @Test
    void aRevealThatNeverLandsIsCountedAsMissedWhenTheWindowCloses() throws Exception {
        Attestor attestor = attestor(KnowledgeBaseVerifier.sample());
        chain.refuse = transaction -> transaction.message().instructions().get(0).data()[0] == REVEAL;
        request(TRUE_CLAIM, FALSE_CLAIM);

        blocks(attestor, 8);

        assertThat(submittedKinds()).containsExactly(COMMIT, REVEAL, REVEAL);
        assertThat(counter("mira_verification_seats_missed")).isEqualTo(2);
    }

    @Test
    void seatsTooManyForOneTransactionAreSplitIntoSeveral() throws Exception {
        Attestor attestor = attestor(KnowledgeBaseVerifier.sample());
        List<String> claims = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            claims.add("Claim " + i + " is unknown.");
        }
        PublicKey request = request(claims.toArray(String[]::new));

        blocks(attestor, 8);

        List<Byte> kinds = submittedKinds();
        assertThat(kinds).contains(COMMIT, REVEAL);
        assertThat(kinds.stream().filter(kind -> kind == REVEAL).count()).isGreaterThan(1);
        assertThat(chain.submitted).allSatisfy(t -> assertThat(t.serialize().length)
                .isLessThanOrEqualTo(network.mira.core.block.Block.MAX_TRANSACTION_BYTES));
        assertThat(chain.request(request).claims()).extracting(ClaimState::verdict)
                .containsOnly(FinalVerdict.INCONCLUSIVE);
    }

    /** Answers one verdict to everything and counts the calls. */
    private static final class CountingVerifier implements Verifier {
        final AtomicInteger calls = new AtomicInteger();
        private final Verdict verdict;

        CountingVerifier(Verdict verdict) {
            this.verdict = verdict;
        }

        @Override
        public CompletableFuture<Judgement> judge(String claim) {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(Judgement.of(verdict));
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void close() {}
    }
}
