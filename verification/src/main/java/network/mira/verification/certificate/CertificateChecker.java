package network.mira.verification.certificate;

import network.mira.verification.verdict.Threshold;
import network.mira.verification.verdict.FinalVerdict;
import java.util.TreeSet;
import java.util.List;
import java.util.Set;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.attestation.RequestId;
import network.mira.verification.certificate.CheckResult.Problem;
import network.mira.verification.claims.Claim;
import network.mira.verification.committee.CandidatePool;
import network.mira.verification.committee.Committee;
import network.mira.verification.committee.CommitteeSizeException;
import network.mira.verification.committee.RequestCommittees;

/**
 * Checks a certificate offline against a chain id and a trusted validator set (its hash, or the pool
 * itself). It recomputes everything the certificate states that can be recomputed: the pool's hash,
 * each claim's hash, each committee (from the pool, the request block hash, the claim count and k),
 * every signature, the tallies and the verdicts; and reports the first difference.
 *
 * <p>The attestations sign the chain, the request id, the claim index, the verdict and the salt; the
 * request id is a digest of the request account, height, block hash, pool, committee size, threshold
 * and claim hashes ({@link RequestId}), which the checker recomputes, so none of those can be changed
 * under the signatures. What it cannot know offline: that the request account and block hash are those
 * of a request on chain, and that the trusted set is the chain's — docs/verification.md, "What the
 * checker proves".
 */
public final class CertificateChecker {
    private CertificateChecker() {}

    public static CheckResult check(VerificationCertificate certificate, String chainId, CandidatePool trustedPool) {
        return check(certificate, chainId, VerificationCertificate.poolHash(trustedPool.candidates()));
    }

    public static CheckResult check(VerificationCertificate certificate, String chainId, Hash trustedSetHash) {
        if (!certificate.chainId().equals(chainId)) {
            return CheckResult.invalid(Problem.WRONG_CHAIN, "certificate is for chain '" + certificate.chainId()
                    + "', checking against '" + chainId + "'");
        }
        Hash poolHash = VerificationCertificate.poolHash(certificate.pool());
        if (!poolHash.equals(certificate.validatorSetHash())) {
            return CheckResult.invalid(Problem.SET_MISMATCH, "the pool hashes to " + poolHash
                    + ", the certificate states " + certificate.validatorSetHash());
        }
        if (!poolHash.equals(trustedSetHash)) {
            return CheckResult.invalid(Problem.SET_MISMATCH, "the certificate's validator set " + poolHash
                    + " is not the trusted set " + trustedSetHash);
        }
        List<Committee> committees;
        try {
            committees = RequestCommittees.select(CandidatePool.of(certificate.pool()),
                    certificate.requestBlockHash(), certificate.claims().size(), certificate.committeeSize());
        } catch (CommitteeSizeException e) {
            return CheckResult.invalid(Problem.BAD_COMMITTEE_SIZE, e.getMessage());
        }
        Hash requestId = RequestId.of(certificate.requestAccount(), certificate.requestHeight(),
                certificate.requestBlockHash(), poolHash, certificate.committeeSize(), certificate.thresholdBps(),
                certificate.claims().stream().map(ClaimResult::hash).toList());
        if (!requestId.equals(certificate.requestId())) {
            return CheckResult.invalid(Problem.REQUEST_ID_MISMATCH, "the request's parameters digest to " + requestId
                    + ", the certificate states " + certificate.requestId());
        }
        for (ClaimResult claim : certificate.claims()) {
            CheckResult result = checkClaim(claim, committees.get(claim.index()), certificate);
            if (!result.isValid()) {
                return result;
            }
        }
        return CheckResult.valid();
    }

    private static CheckResult checkClaim(ClaimResult claim, Committee committee, VerificationCertificate certificate) {
        int index = claim.index();
        Hash textHash = Claim.hashOf(claim.text());
        if (!textHash.equals(claim.hash())) {
            return CheckResult.invalid(Problem.CLAIM_HASH_MISMATCH, "claim " + index + ": its text hashes to "
                    + textHash + ", the certificate states " + claim.hash());
        }
        Set<PublicKey> seen = new TreeSet<>();
        for (Attestation attestation : claim.attestations()) {
            PublicKey validator = attestation.validator();
            if (!attestation.verify(certificate.chainId())) {
                return CheckResult.invalid(Problem.BAD_ATTESTATION_SIGNATURE, "claim " + index + ": the attestation of "
                        + validator + " does not verify");
            }
            if (!committee.contains(validator)) {
                return CheckResult.invalid(Problem.NOT_IN_COMMITTEE, "claim " + index + ": " + validator
                        + " is not on the claim's committee " + committee.identities());
            }
            if (!seen.add(validator)) {
                return CheckResult.invalid(Problem.DUPLICATE_ATTESTATION, "claim " + index + ": " + validator
                        + " attests more than once");
            }
        }
        StakeTally tally = Aggregation.tally(committee, claim.attestations());
        if (!tally.equals(claim.tally())) {
            return CheckResult.invalid(Problem.TALLY_MISMATCH, "claim " + index + ": the attestations give " + tally
                    + ", the certificate states " + claim.tally());
        }
        FinalVerdict verdict = Threshold.verdict(tally.trueStake(), tally.falseStake(), committee.totalStake(),
                certificate.thresholdBps());
        if (verdict != claim.verdict()) {
            return CheckResult.invalid(Problem.VERDICT_MISMATCH, "claim " + index + ": " + tally + " of committee stake "
                    + committee.totalStake() + " at " + certificate.thresholdBps() + " bps gives " + verdict
                    + ", the certificate states " + claim.verdict());
        }
        return CheckResult.valid();
    }
}
