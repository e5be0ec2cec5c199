package network.mira.verification.certificate;

import network.mira.verification.verdict.FinalVerdict;
import static network.mira.verification.attestation.AttestationFixtures.CHAIN;
import static network.mira.verification.certificate.CertificateFixtures.certificate;
import static network.mira.verification.certificate.CertificateFixtures.committees;
import static network.mira.verification.certificate.CertificateFixtures.pool;
import static network.mira.verification.certificate.CertificateFixtures.withClaim;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.attestation.AttestationFixtures;
import network.mira.verification.certificate.CheckResult.Problem;
import network.mira.verification.committee.CommitteeCandidate;
import network.mira.verification.verifier.Verdict;
import org.junit.jupiter.api.Test;

class CertificateCheckerTest {
    private final VerificationCertificate valid = certificate();
    private final Hash setHash = VerificationCertificate.poolHash(pool().candidates());

    @Test
    void validCertificateFromRealKeysVerifies() {
        assertThat(valid.claims()).extracting(ClaimResult::verdict)
                .containsExactly(FinalVerdict.TRUE, FinalVerdict.FALSE, FinalVerdict.INCONCLUSIVE);
        assertThat(CertificateChecker.check(valid, CHAIN, setHash).isValid()).isTrue();
        assertThat(CertificateChecker.check(valid, CHAIN, pool())).isEqualTo(CheckResult.valid());
    }

    @Test
    void poolHashIsTheValidatorSetHash() {
        List<Validator> validators = new ArrayList<>();
        pool().candidates().forEach(c -> validators.add(new Validator(c.identity(), c.stake())));
        assertThat(new ValidatorSet(validators).hash()).isEqualTo(setHash).isEqualTo(valid.validatorSetHash());
    }

    @Test
    void otherChainIsRefused() {
        assertProblem(CertificateChecker.check(valid, "mira-testnet", setHash), Problem.WRONG_CHAIN);
    }

    @Test
    void untrustedSetIsRefused() {
        assertProblem(CertificateChecker.check(valid, CHAIN, Hash.ZERO), Problem.SET_MISMATCH);
    }

    @Test
    void poolThatDoesNotHashToTheStatedSetIsRefused() {
        List<CommitteeCandidate> pool = new ArrayList<>(valid.pool());
        pool.set(0, new CommitteeCandidate(pool.get(0).identity(), pool.get(0).stake() + 1000));
        VerificationCertificate inflated = new VerificationCertificate(CHAIN, valid.requestId(), valid.requestAccount(), valid.requestHeight(),
                valid.validatorSetHash(), pool, valid.committeeSize(), valid.thresholdBps(), valid.requestBlockHash(),
                valid.claims());
        CheckResult result = CertificateChecker.check(inflated, CHAIN, setHash);
        assertProblem(result, Problem.SET_MISMATCH);
        assertThat(result.detail()).contains("the pool hashes to");
    }

    @Test
    void claimTextThatDoesNotMatchItsHashIsRefused() {
        ClaimResult claim = valid.claims().get(1);
        ClaimResult edited = new ClaimResult(1, "the moon is made of rock", claim.hash(), claim.verdict(), claim.tally(),
                claim.attestations());
        CheckResult result = CertificateChecker.check(withClaim(valid, edited), CHAIN, setHash);
        assertProblem(result, Problem.CLAIM_HASH_MISMATCH);
        assertThat(result.detail()).contains("claim 1");
    }

    @Test
    void signerOutsideTheCommitteeIsRefused() {
        PublicKey outsider = pool().candidates().stream().map(CommitteeCandidate::identity)
                .filter(identity -> !committees().get(0).contains(identity)).findFirst().orElseThrow();
        Attestation extra = Attestation.sign(CHAIN, valid.requestId(), 0, Verdict.TRUE, AttestationFixtures.salt(77),
                CertificateFixtures.keyOf(outsider));
        CheckResult result = CertificateChecker.check(withClaim(valid, addAttestation(valid.claims().get(0), extra)),
                CHAIN, setHash);
        assertProblem(result, Problem.NOT_IN_COMMITTEE);
        assertThat(result.detail()).contains("claim 0", outsider.toBase58());
    }

    @Test
    void signerOutsideTheSetIsRefused() {
        KeyPair stranger = AttestationFixtures.key(99);
        Attestation extra = Attestation.sign(CHAIN, valid.requestId(), 0, Verdict.TRUE, AttestationFixtures.salt(77), stranger);
        assertProblem(CertificateChecker.check(withClaim(valid, addAttestation(valid.claims().get(0), extra)), CHAIN,
                setHash), Problem.NOT_IN_COMMITTEE);
    }

    @Test
    void forgedSignatureIsRefused() {
        ClaimResult claim = valid.claims().get(0);
        Attestation genuine = claim.attestations().get(0);
        Attestation forged = new Attestation(genuine.requestId(), 0, Verdict.FALSE, genuine.salt(),
                genuine.validator(), genuine.signature());
        List<Attestation> attestations = new ArrayList<>(claim.attestations());
        attestations.set(0, forged);
        ClaimResult edited = new ClaimResult(0, claim.text(), claim.hash(), claim.verdict(), claim.tally(), attestations);
        CheckResult result = CertificateChecker.check(withClaim(valid, edited), CHAIN, setHash);
        assertProblem(result, Problem.BAD_ATTESTATION_SIGNATURE);
        assertThat(result.detail()).contains(genuine.validator().toBase58());
    }

    @Test
    void sameAttestationTwiceIsRefused() {
        ClaimResult claim = valid.claims().get(0);
        assertProblem(CertificateChecker.check(withClaim(valid, addAttestation(claim, claim.attestations().get(0))),
                CHAIN, setHash), Problem.DUPLICATE_ATTESTATION);
    }

    @Test
    void inflatedTallyIsRefused() {
        ClaimResult claim = valid.claims().get(2);
        StakeTally tally = claim.tally();
        StakeTally inflated = new StakeTally(tally.trueStake() + tally.uncertainStake(), 0, 0, tally.missingStake());
        ClaimResult edited = new ClaimResult(2, claim.text(), claim.hash(), FinalVerdict.TRUE, inflated,
                claim.attestations());
        assertProblem(CertificateChecker.check(withClaim(valid, edited), CHAIN, setHash), Problem.TALLY_MISMATCH);
    }

    @Test
    void tallyBelowThresholdClaimedTrueIsRefused() {
        ClaimResult claim = valid.claims().get(2);
        assertThat(claim.tally().trueStake()).isPositive();
        ClaimResult edited = new ClaimResult(2, claim.text(), claim.hash(), FinalVerdict.TRUE, claim.tally(),
                claim.attestations());
        CheckResult result = CertificateChecker.check(withClaim(valid, edited), CHAIN, setHash);
        assertProblem(result, Problem.VERDICT_MISMATCH);
        assertThat(result.detail()).contains("gives INCONCLUSIVE", "states TRUE");
    }

    @Test
    void droppedAttestationChangesTheTally() {
        ClaimResult claim = valid.claims().get(0);
        ClaimResult edited = new ClaimResult(0, claim.text(), claim.hash(), claim.verdict(), claim.tally(),
                claim.attestations().subList(1, claim.attestations().size()));
        assertProblem(CertificateChecker.check(withClaim(valid, edited), CHAIN, setHash), Problem.TALLY_MISMATCH);
    }

    private static ClaimResult addAttestation(ClaimResult claim, Attestation extra) {
        List<Attestation> attestations = new ArrayList<>(claim.attestations());
        attestations.add(extra);
        return new ClaimResult(claim.index(), claim.text(), claim.hash(), claim.verdict(), claim.tally(), attestations);
    }

    static void assertProblem(CheckResult result, Problem problem) {
        assertThat(result.problem()).as(result.detail()).contains(problem);
    }
}
