package network.mira.node.verify.attest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.core.tx.Transaction;
import network.mira.settlement.staking.SlashingEvent;
import network.mira.verification.certificate.CertificateChecker;
import network.mira.verification.certificate.VerificationCertificate;
import network.mira.verification.program.ClaimState;
import network.mira.verification.program.RequestBody;
import network.mira.verification.program.RequestCertificates;
import network.mira.verification.program.RequestPhase;
import network.mira.verification.program.RequestRecord;
import network.mira.verification.program.VerificationParameters;
import network.mira.verification.program.VerificationProgram;
import network.mira.verification.verdict.FinalVerdict;
import network.mira.verification.verifier.Judgement;
import network.mira.verification.verifier.KnowledgeBaseVerifier;
import network.mira.verification.verifier.Verdict;
import network.mira.verification.verifier.Verifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four validators, each running the node's own {@link Attestor} with its own {@link AttestationStore},
 * against the real verification program on {@link AttestorChain}. Stakes are 40, 30, 15 and 15 MIRA:
 * <ul>
 *   <li>v0 and v1 are honest: the knowledge-base verifier over the bundled sample file, which knows
 *       every claim of the request. Together they hold 70% of the stake, above the 6,667 bps threshold
 *       even when the liar votes against them and the silent one is missing;</li>
 *   <li>v2 lies: its verifier answers the opposite of the knowledge base on every claim (TRUE ↔ FALSE);</li>
 *   <li>v3 is silent: its attestor commits normally, but its sink swallows every reveal transaction,
 *       so its commitments are never opened.</li>
 * </ul>
 * One request of eight claims (four TRUE, four FALSE in the sample file) draws a committee of all four.
 * Every block, each attestor gets its pass over the finalized state and what it submits lands in the
 * next block. With a guessing window of 8, the liar's eight disagreements with the honest majority
 * are tested as soon as the request resolves. Expected: every verdict is the truth; the liar is slashed
 * once for guessing and left out of later committees, the silent one once for not revealing, the honest
 * ones not at all; only the honest ones are paid; the request's certificate checks against its pool.
 */
class FourValidatorAttestationTest {
    /** Commit for 2 blocks, reveal for 2; a guessing test every 8 resolved claims; 2 epochs excluded. */
    private static final VerificationParameters PARAMETERS = new VerificationParameters(2, 2, 4, 16, 6_667, 1_000, 8,
            100, 500, 1_000, 8, 700_000, 1_000, 2);
    private static final List<String> CLAIMS = List.of("Paris is the capital of France.",
            "Sydney is the capital of Australia.", "Water boils at 100 degrees Celsius at sea level.",
            "The Sun orbits the Earth.", "Two plus two equals four.", "Humans have three lungs.",
            "The Earth orbits the Sun.", "9 is a prime number.");
    private static final boolean[] TRUTH = {true, false, true, false, true, false, true, false};
    private static final long FEE = 8_000_000;
    private static final byte REVEAL = 4;
    /** Far more blocks than draw + commit + reveal windows need; the loop stops at resolution. */
    private static final int MAX_BLOCKS = 16;

    @TempDir
    Path dir;

    private final AttestorChain chain = new AttestorChain(PARAMETERS, 40, 30, 15, 15);
    private final KeyPair requester = AttestorChain.key("requester");
    private final List<Attestor> attestors = new ArrayList<>();
    private final SwallowsReveals silentSink = new SwallowsReveals(chain);
    private KeyPair liar;
    private KeyPair silent;

    @BeforeEach
    void validators() throws Exception {
        chain.fund(requester.publicKey(), 100 * AttestorChain.MIRA);
        List<KeyPair> v = chain.validators();
        liar = v.get(2);
        silent = v.get(3);
        attestors.add(attestor(v.get(0), KnowledgeBaseVerifier.sample(), chain));
        attestors.add(attestor(v.get(1), KnowledgeBaseVerifier.sample(), chain));
        attestors.add(attestor(liar, new Lies(KnowledgeBaseVerifier.sample()), chain));
        attestors.add(attestor(silent, KnowledgeBaseVerifier.sample(), silentSink));
    }

    @Test
    void theLiarAndTheSilentOneAreSlashedTheHonestOnesPaidAndEveryVerdictIsTheTruth() {
        PublicKey request = request(1);
        RequestRecord opened = blockUntilDrawn(request);
        assertThat(opened.committeeSize()).isEqualTo(4);

        RequestRecord resolved = blocksUntilResolved(request);

        for (int i = 0; i < CLAIMS.size(); i++) {
            assertThat(resolved.claims().get(i).verdict()).as("claim %d: %s", i, CLAIMS.get(i))
                    .isEqualTo(TRUTH[i] ? FinalVerdict.TRUE : FinalVerdict.FALSE);
        }
        assertThat(silentSink.swallowedReveals).as("the silent attestor did try to reveal").isPositive();

        List<KeyPair> v = chain.validators();
        assertThat(chain.staking().slashingEventsOf(v.get(0).publicKey())).isEmpty();
        assertThat(chain.staking().slashingEventsOf(v.get(1).publicKey())).isEmpty();
        assertThat(chain.staking().slashingEventsOf(liar.publicKey())).singleElement().satisfies(event -> {
            assertThat(event.reason()).isEqualTo(SlashingEvent.Reason.VERIFICATION_GUESSING);
            assertThat(event.amount()).isEqualTo(15 * AttestorChain.MIRA / 10); // 1,000 bps
        });
        assertThat(chain.staking().slashingEventsOf(silent.publicKey())).singleElement().satisfies(event -> {
            assertThat(event.reason()).isEqualTo(SlashingEvent.Reason.VERIFICATION_NO_REVEAL);
            assertThat(event.amount()).isEqualTo(15 * AttestorChain.MIRA / 100); // 100 bps
        });
        assertThat(chain.stats(liar.publicKey()).excludedIn(chain.staking().epoch())).isTrue();

        // 1,000,000 lamports per claim, split 40:30 (floored) between the honest members only.
        long share = FEE / CLAIMS.size();
        long toV0 = CLAIMS.size() * (share * 40 / 70);
        long toV1 = CLAIMS.size() * (share * 30 / 70);
        assertThat(resolved.settlement().paid()).isEqualTo(toV0 + toV1);
        assertThat(balanceChange(v.get(0))).isEqualTo(toV0);
        assertThat(balanceChange(v.get(1))).isEqualTo(toV1);
        assertThat(balanceChange(liar)).as("the liar earns nothing").isZero();
        assertThat(balanceChange(silent)).as("the silent one earns nothing").isZero();

        VerificationCertificate certificate = RequestCertificates.of(AttestorChain.CHAIN_ID, request, resolved);
        assertThat(CertificateChecker.check(certificate, AttestorChain.CHAIN_ID, opened.draw().poolHash()).isValid())
                .isTrue();
    }

    @Test
    void aLaterRequestDrawsNoSeatForTheLiarExcludedForGuessing() {
        theLiarAndTheSilentOneAreSlashedTheHonestOnesPaidAndEveryVerdictIsTheTruth();

        PublicKey next = request(2);
        RequestRecord drawn = blockUntilDrawn(next);

        assertThat(chain.stats(liar.publicKey()).excludedIn(chain.staking().epoch())).isTrue();
        assertThat(drawn.poolIndexOf(liar.publicKey())).isEqualTo(-1);
        assertThat(drawn.committeeSize()).as("a committee never exceeds the eligible pool").isEqualTo(3);
        assertThat(chain.openRequests().of(liar.publicKey()).orElseThrow().assignments()).isEmpty();
    }

    private Attestor attestor(KeyPair identity, Verifier verifier, TransactionSink sink) throws Exception {
        AttestationStore store = AttestationStore.open(dir.resolve(identity.publicKey().toString()));
        return new Attestor(AttestorChain.CHAIN_ID, identity, verifier, store, sink,
                new AttestorMetrics(new SimpleMeterRegistry()), Runnable::run);
    }

    /** Records the request in the next block; returns its account. */
    private PublicKey request(long nonce) {
        chain.finalizeBlock(chain.transaction(requester, VerificationProgram.request(requester.publicKey(), nonce, FEE,
                0, 0, RequestBody.claims(CLAIMS))));
        return VerificationProgram.requestAddress(requester.publicKey(), nonce);
    }

    /** One block, whose hook draws the committee of a request recorded in the previous one. */
    private RequestRecord blockUntilDrawn(PublicKey request) {
        block();
        RequestRecord drawn = chain.request(request);
        assertThat(drawn.phase()).isEqualTo(RequestPhase.OPEN);
        return drawn;
    }

    private RequestRecord blocksUntilResolved(PublicKey request) {
        for (int i = 0; i < MAX_BLOCKS && chain.request(request).phase() != RequestPhase.RESOLVED; i++) {
            block();
        }
        RequestRecord resolved = chain.request(request);
        assertThat(resolved.phase()).isEqualTo(RequestPhase.RESOLVED);
        return resolved;
    }

    /** One block, then every attestor's pass over it; what they submit lands in the next block. */
    private void block() {
        chain.finalizeBlock();
        for (int i = 0; i < attestors.size(); i++) {
            attestors.get(i).onSnapshot(chain.openRequests().of(chain.validators().get(i).publicKey()).orElseThrow());
        }
    }

    /** Lamports gained since genesis, not counting the transaction fees the validator paid. */
    private long balanceChange(KeyPair validator) {
        PublicKey identity = validator.publicKey();
        return chain.lamports(identity) + chain.feesPaidBy(identity) - AttestorChain.MIRA;
    }

    /** Answers the opposite of the truth it is given: TRUE for FALSE and FALSE for TRUE. */
    private static final class Lies implements Verifier {
        private final KnowledgeBaseVerifier truth;

        Lies(KnowledgeBaseVerifier truth) {
            this.truth = truth;
        }

        @Override
        public CompletableFuture<Judgement> judge(String claim) {
            Verdict verdict = truth.lookup(claim).verdict().orElseThrow();
            assertThat(verdict).as("the liar only sees claims whose truth it knows").isNotEqualTo(Verdict.UNCERTAIN);
            return CompletableFuture.completedFuture(Judgement.of(verdict == Verdict.TRUE ? Verdict.FALSE
                    : Verdict.TRUE));
        }

        @Override
        public String name() {
            return "liar";
        }

        @Override
        public void close() {
            truth.close();
        }
    }

    /** The chain's sink, except that reveal transactions are accepted and then never included. */
    private static final class SwallowsReveals implements TransactionSink {
        private final AttestorChain chain;
        int swallowedReveals;

        SwallowsReveals(AttestorChain chain) {
            this.chain = chain;
        }

        @Override
        public Hash recentBlockhash() {
            return chain.recentBlockhash();
        }

        @Override
        public Optional<String> submit(Transaction transaction) {
            if (transaction.message().instructions().get(0).data()[0] == REVEAL) {
                swallowedReveals++;
                return Optional.empty();
            }
            return chain.submit(transaction);
        }

        @Override
        public Fate fate(Signature transaction) {
            return chain.fate(transaction);
        }
    }
}
