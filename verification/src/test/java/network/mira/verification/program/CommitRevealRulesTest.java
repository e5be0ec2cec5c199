package network.mira.verification.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Transaction;
import network.mira.settlement.staking.SlashingEvent;
import network.mira.svm.TransactionError;
import network.mira.svm.TransactionResult;
import network.mira.verification.verifier.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each commit and reveal rule of the program: refusals with their codes, and the offences it slashes. */
class CommitRevealRulesTest {
    private final VerificationChain chain = new VerificationChain(VerificationProgramTest.PARAMETERS, 40, 30, 15, 15);
    private final KeyPair requester = VerificationChain.key("requester");
    private PublicKey request;
    private RequestRecord opened;
    private KeyPair member;

    @BeforeEach
    void openRequest() {
        chain.fund(requester.publicKey(), 100 * VerificationChain.MIRA);
        assertThat(chain.run(chain.transaction(requester, VerificationProgram.request(requester.publicKey(), 7, 4_000,
                0, 0, RequestBody.claims(List.of("The sky is blue", "Fire is cold"))))).error()).isEmpty();
        request = VerificationProgram.requestAddress(requester.publicKey(), 7);
        chain.block();
        opened = chain.request(request);
        member = chain.validators().get(0);
    }

    @Test
    void commitInTheRequestsOwnBlockIsRefusedAndUnknownRequestsToo() {
        Transaction requestTransaction = chain.transaction(requester, VerificationProgram.request(
                requester.publicKey(), 8, 4_000, 0, 0, RequestBody.text("The sky is blue.")));
        PublicKey undrawn = VerificationProgram.requestAddress(requester.publicKey(), 8);
        Transaction early = chain.transaction(member, VerificationProgram.commit(member.publicKey(), undrawn,
                List.of(new VerificationInstruction.CommitEntry(0, opened.draw().requestId()))));
        List<TransactionResult> results = chain.block(requestTransaction, early);
        assertThat(results.get(0).succeeded()).isTrue();
        assertThat(code(results.get(1))).isEqualTo("CommitteeNotDrawn");
        assertThat(code(chain.run(chain.transaction(member, VerificationProgram.commit(member.publicKey(),
                VerificationProgram.requestAddress(requester.publicKey(), 99),
                List.of(new VerificationInstruction.CommitEntry(0, opened.draw().requestId()))))))).isEqualTo(
                "UnknownRequest");
    }

    @Test
    void lateCommitIsRefused() {
        chain.advanceThrough(opened.draw().commitDeadline());
        assertThat(code(chain.run(sealed(member, Verdict.TRUE).commit()))).isEqualTo("CommitWindowClosed");
    }

    @Test
    void revealDuringTheCommitWindowIsRefused() {
        VerificationChain.Sealed sealed = sealed(member, Verdict.TRUE);
        assertThat(chain.run(sealed.commit()).succeeded()).isTrue();
        assertThat(code(chain.run(sealed.reveal()))).isEqualTo("RevealWindowClosed");
    }

    @Test
    void lateRevealIsRefusedAndTheMemberSlashedForTheMissingReveal() {
        VerificationChain.Sealed sealed = sealed(member, Verdict.TRUE);
        assertThat(chain.run(sealed.commit()).succeeded()).isTrue();
        chain.advanceThrough(opened.draw().revealDeadline());
        // The block after the reveal deadline resolves the request in its hook, before any transaction.
        assertThat(code(chain.run(sealed.reveal()))).isEqualTo("RevealWindowClosed");
        assertThat(chain.staking().slashingEventsOf(member.publicKey())).extracting(SlashingEvent::reason)
                .containsExactly(SlashingEvent.Reason.VERIFICATION_NO_REVEAL);
    }

    @Test
    void mismatchedRevealIsRefused() {
        VerificationChain.Sealed committed = sealed(member, Verdict.TRUE);
        assertThat(chain.run(committed.commit()).succeeded()).isTrue();
        chain.advanceThrough(opened.draw().commitDeadline());
        VerificationChain.Sealed other = sealed(member, Verdict.FALSE);
        assertThat(code(chain.run(other.reveal()))).isEqualTo("RevealMismatch");
        assertThat(chain.run(committed.reveal()).succeeded()).isTrue();
    }

    @Test
    void doubleRevealIsRefused() {
        VerificationChain.Sealed sealed = sealed(member, Verdict.TRUE);
        assertThat(chain.run(sealed.commit()).succeeded()).isTrue();
        chain.advanceThrough(opened.draw().commitDeadline());
        assertThat(chain.run(sealed.reveal()).succeeded()).isTrue();
        assertThat(code(chain.run(sealed.reveal()))).isEqualTo("DuplicateReveal");
    }

    @Test
    void identicalRecommitIsRefusedAndADifferentOneSlashedAsEquivocation() {
        VerificationChain.Sealed first = sealed(member, Verdict.TRUE);
        assertThat(chain.run(first.commit()).succeeded()).isTrue();
        VerificationChain.Sealed second = sealed(member, Verdict.FALSE);
        List<TransactionResult> results = chain.block(first.commit(), second.commit());
        assertThat(code(results.get(0))).isEqualTo("DuplicateCommit");
        assertThat(code(results.get(1))).as("recorded as evidence, not refused").isEqualTo("OK");
        chain.advanceThrough(opened.draw().commitDeadline());
        assertThat(code(chain.run(first.reveal()))).isEqualTo("SeatEquivocated");
        chain.advanceThrough(opened.draw().revealDeadline() + 1);
        assertThat(chain.staking().slashingEventsOf(member.publicKey())).singleElement().satisfies(event -> {
            assertThat(event.reason()).isEqualTo(SlashingEvent.Reason.VERIFICATION_EQUIVOCATION);
            assertThat(event.amount()).isEqualTo(40 * VerificationChain.MIRA / 20); // 500 bps
        });
        assertThat(chain.request(request).claims().get(0).tally().missingStake())
                .as("no seat counted: the equivocated one could not reveal, the others never committed")
                .isEqualTo(100 * VerificationChain.MIRA);
    }

    @Test
    void outsidersAndUnknownClaimsAreRefused() {
        KeyPair outsider = VerificationChain.key("outsider");
        chain.fund(outsider.publicKey(), VerificationChain.MIRA);
        assertThat(code(chain.run(chain.transaction(outsider, VerificationProgram.commit(outsider.publicKey(), request,
                List.of(new VerificationInstruction.CommitEntry(0, opened.draw().requestId())))))))
                .isEqualTo("NotCommitteeMember");
        assertThat(code(chain.run(chain.transaction(member, VerificationProgram.commit(member.publicKey(), request,
                List.of(new VerificationInstruction.CommitEntry(5, opened.draw().requestId())))))))
                .isEqualTo("UnknownClaim");
    }

    @Test
    void aRevealSignedForAnotherChainIsRefused() {
        VerificationChain.Sealed sealed = sealed(member, Verdict.TRUE);
        var forged = sealed.attestations.stream().map(a -> network.mira.verification.attestation.Attestation.sign(
                "another-chain", a.requestId(), a.claimIndex(), a.verdict(), a.salt(), member)).toList();
        sealed.attestations.clear();
        sealed.attestations.addAll(forged);
        assertThat(chain.run(sealed.commit()).succeeded()).isTrue();
        chain.advanceThrough(opened.draw().commitDeadline());
        assertThat(code(chain.run(sealed.reveal()))).isEqualTo("BadAttestationSignature");
    }

    private VerificationChain.Sealed sealed(KeyPair who, Verdict verdict) {
        return chain.new Sealed(who, request, claim -> verdict);
    }

    private static String code(TransactionResult result) {
        return result.error().map(TransactionError::code).orElse("OK");
    }
}
