package network.mira.verification.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Transaction;
import network.mira.settlement.staking.SlashingEvent;
import network.mira.svm.TransactionResult;
import network.mira.verification.certificate.CertificateChecker;
import network.mira.verification.certificate.ClaimResult;
import network.mira.verification.certificate.StakeTally;
import network.mira.verification.certificate.VerificationCertificate;
import network.mira.verification.verdict.FinalVerdict;
import network.mira.verification.verifier.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Four validators in the real runtime: two honest ones holding 70% of the stake, one whose verifier
 * always lies and one that commits and never reveals. The verdicts come out right, the liar is caught
 * by the guessing test and the silent one for its missing reveals, and only the honest are paid.
 */
class VerificationProgramTest {
    /** Commit for 2 blocks, reveal for 2; a guessing test every 8 resolved claims. */
    static final VerificationParameters PARAMETERS = new VerificationParameters(2, 2, 4, 16, 6_667, 1_000, 8, 100, 500,
            1_000, 8, 700_000, 1_000, 2);
    static final List<String> CLAIMS = List.of("Water boils at 100 degrees Celsius at sea level",
            "The Moon is made of cheese", "Paris is the capital of France", "The Sun orbits the Earth",
            "Two plus two is four", "Whales are fish", "Light is faster than sound", "Gold rusts in dry air");
    static final boolean[] TRUTH = {true, false, true, false, true, false, true, false};

    private final VerificationChain chain = new VerificationChain(PARAMETERS, 40, 30, 15, 15);
    private final KeyPair requester = VerificationChain.key("requester");

    @Test
    void liarAndSilentMemberAreSlashedHonestOnesPaidAndVerdictsRight() {
        chain.fund(requester.publicKey(), 100 * VerificationChain.MIRA);
        long before = chain.totalLamports();
        long fee = 8_000_000;
        PublicKey request = submit(1, fee);
        chain.block(); // draws the committees

        RequestRecord opened = chain.request(request);
        assertThat(opened.phase()).isEqualTo(RequestPhase.OPEN);
        assertThat(opened.committeeSize()).isEqualTo(4);
        List<KeyPair> v = chain.validators();
        List<VerificationChain.Sealed> sealed = List.of(
                chain.new Sealed(v.get(0), request, this::truth),
                chain.new Sealed(v.get(1), request, this::truth),
                chain.new Sealed(v.get(2), request, i -> truth(i) == Verdict.TRUE ? Verdict.FALSE : Verdict.TRUE),
                chain.new Sealed(v.get(3), request, this::truth));
        assertThat(chain.block(sealed.stream().map(VerificationChain.Sealed::commit).toArray(Transaction[]::new)))
                .allMatch(TransactionResult::succeeded);
        chain.advanceThrough(opened.draw().commitDeadline());
        assertThat(chain.block(sealed.get(0).reveal(), sealed.get(1).reveal(), sealed.get(2).reveal()))
                .allMatch(TransactionResult::succeeded);
        chain.advanceThrough(opened.draw().revealDeadline() + 1);

        RequestRecord resolved = chain.request(request);
        assertThat(resolved.phase()).isEqualTo(RequestPhase.RESOLVED);
        long honest = 70 * VerificationChain.MIRA;
        for (int i = 0; i < CLAIMS.size(); i++) {
            ClaimState claim = resolved.claims().get(i);
            assertThat(claim.verdict()).as("claim %d", i).isEqualTo(TRUTH[i] ? FinalVerdict.TRUE : FinalVerdict.FALSE);
            long liar = 15 * VerificationChain.MIRA;
            assertThat(claim.tally()).isEqualTo(TRUTH[i]
                    ? new StakeTally(honest, liar, 0, 15 * VerificationChain.MIRA)
                    : new StakeTally(liar, honest, 0, 15 * VerificationChain.MIRA));
        }
        Map<PublicKey, List<SlashingEvent>> slashed = Map.of(
                v.get(0).publicKey(), chain.staking().slashingEventsOf(v.get(0).publicKey()),
                v.get(1).publicKey(), chain.staking().slashingEventsOf(v.get(1).publicKey()),
                v.get(2).publicKey(), chain.staking().slashingEventsOf(v.get(2).publicKey()),
                v.get(3).publicKey(), chain.staking().slashingEventsOf(v.get(3).publicKey()));
        assertThat(slashed.get(v.get(0).publicKey())).isEmpty();
        assertThat(slashed.get(v.get(1).publicKey())).isEmpty();
        assertThat(slashed.get(v.get(2).publicKey())).singleElement().satisfies(event -> {
            assertThat(event.reason()).isEqualTo(SlashingEvent.Reason.VERIFICATION_GUESSING);
            assertThat(event.amount()).isEqualTo(15 * VerificationChain.MIRA / 10); // 1,000 bps
            assertThat(event.evidenceHash()).isEqualTo(opened.draw().requestId());
        });
        assertThat(slashed.get(v.get(3).publicKey())).singleElement().satisfies(event -> {
            assertThat(event.reason()).isEqualTo(SlashingEvent.Reason.VERIFICATION_NO_REVEAL);
            assertThat(event.amount()).isEqualTo(15 * VerificationChain.MIRA / 100); // 100 bps
        });
        // An honest member's peers here are the other honest one, the liar and the silent one: they cannot
        // reach two thirds without it, so its claims do not count for the test; none counts against it.
        assertThat(chain.stats(v.get(0).publicKey()).agreed()).isEqualTo(chain.stats(v.get(0).publicKey()).resolved());
        assertThat(chain.stats(v.get(1).publicKey()).agreed()).isEqualTo(chain.stats(v.get(1).publicKey()).resolved());
        assertThat(chain.stats(v.get(2).publicKey()).resolved()).isEqualTo(8);
        assertThat(chain.stats(v.get(2).publicKey()).agreed()).isZero();
        assertThat(chain.stats(v.get(2).publicKey()).guessingSlashes()).isEqualTo(1);
        assertThat(chain.stats(v.get(2).publicKey()).excludedIn(chain.staking().epoch())).isTrue();
        assertThat(chain.stats(v.get(3).publicKey()).missedReveals()).isEqualTo(1);

        VerificationCertificate certificate = RequestCertificates.of(VerificationChain.CHAIN_ID, request, resolved);
        assertThat(CertificateChecker.check(certificate, VerificationChain.CHAIN_ID, opened.draw().poolHash())
                .isValid()).isTrue();
        assertThat(certificate.claims()).allSatisfy(claim -> assertThat(claim.attestations()).hasSize(3));
        assertThat(certificate.claims()).extracting(ClaimResult::verdict)
                .isEqualTo(resolved.claims().stream().map(ClaimState::verdict).toList());

        // Fee: 1,000,000 per claim, to the two honest members 40:30 (floored); the dust back to the requester.
        long share = fee / CLAIMS.size();
        long toV0 = CLAIMS.size() * (share * 40 / 70);
        long toV1 = CLAIMS.size() * (share * 30 / 70);
        assertThat(resolved.settlement().paid()).isEqualTo(toV0 + toV1);
        assertThat(resolved.settlement().refunded()).isEqualTo(fee - toV0 - toV1);
        assertThat(chain.lamports(request)).isZero();
        assertThat(chain.totalLamports()).isEqualTo(before - chain.feesPaid());
        assertThat(chain.lamports(v.get(2).publicKey()) + chain.lamports(v.get(3).publicKey()))
                .as("liar and silent member earn nothing, and paid their transaction fees")
                .isLessThan(2 * VerificationChain.MIRA);
    }

    @Test
    void aValidatorExcludedForGuessingIsLeftOutOfLaterCommittees() {
        liarAndSilentMemberAreSlashedHonestOnesPaidAndVerdictsRight();
        PublicKey next = submit(2, 8_000);
        chain.block();
        RequestRecord drawn = chain.request(next);
        assertThat(drawn.poolIndexOf(chain.validators().get(2).publicKey())).isEqualTo(-1);
        assertThat(drawn.committeeSize()).as("a committee never exceeds the eligible pool").isEqualTo(3);
    }

    @Test
    void lamportsAStrangerSentToAValidatorsRecordAddressSurviveItsUpdates() {
        PublicKey liarRecord = VerificationProgram.attestorStats(chain.validators().get(2).publicKey());
        chain.fund(liarRecord, 777);
        liarAndSilentMemberAreSlashedHonestOnesPaidAndVerdictsRight();
        assertThat(chain.stats(chain.validators().get(2).publicKey()).guessingSlashes()).isEqualTo(1);
        assertThat(chain.lamports(liarRecord)).isEqualTo(777);
    }

    private Verdict truth(int claim) {
        return TRUTH[claim] ? Verdict.TRUE : Verdict.FALSE;
    }

    private PublicKey submit(long nonce, long fee) {
        TransactionResult result = chain.run(chain.transaction(requester, VerificationProgram.request(
                requester.publicKey(), nonce, fee, 0, 0, RequestBody.claims(CLAIMS))));
        assertThat(result.error()).isEmpty();
        return VerificationProgram.requestAddress(requester.publicKey(), nonce);
    }
}
