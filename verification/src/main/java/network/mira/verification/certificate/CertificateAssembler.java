package network.mira.verification.certificate;

import network.mira.verification.verdict.Threshold;
import network.mira.verification.verdict.FinalVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import network.mira.core.crypto.Hash;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.claims.Claim;
import network.mira.verification.committee.CandidatePool;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.attestation.RequestId;
import network.mira.verification.committee.Committee;
import network.mira.verification.committee.CommitteeSizeException;
import network.mira.verification.committee.RequestCommittees;

/**
 * Builds a request's certificate from its claims and the attestations counted for each claim (the
 * revealed attestations that opened their commitments, as the verification program counts them):
 * draws the committees, sums the tallies and applies the threshold.
 */
public final class CertificateAssembler {
    private CertificateAssembler() {}

    /** The parameters of a request that the committees and the verdicts depend on. */
    public record Request(String chainId, PublicKey requestAccount, long requestHeight, Hash requestBlockHash,
                          int committeeSize, int thresholdBps) {
        /** The id the attestations sign ({@link RequestId}) for these claims drawn from this pool. */
        public Hash requestId(CandidatePool pool, List<Claim> claims) {
            return RequestId.of(requestAccount, requestHeight, requestBlockHash,
                    VerificationCertificate.poolHash(pool.candidates()), committeeSize, thresholdBps,
                    claims.stream().map(Claim::hash).toList());
        }
    }

    /**
     * @param counted attestations per claim index; a claim without an entry had none
     * @throws CommitteeSizeException if k cannot be drawn from the pool
     */
    public static VerificationCertificate assemble(Request request, CandidatePool pool, List<Claim> claims,
                                                   Map<Integer, List<Attestation>> counted)
            throws CommitteeSizeException {
        List<Committee> committees = RequestCommittees.select(pool, request.requestBlockHash(), claims.size(),
                request.committeeSize());
        List<ClaimResult> results = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            Committee committee = committees.get(claim.index());
            List<Attestation> attestations = counted.getOrDefault(claim.index(), List.of());
            StakeTally tally = Aggregation.tally(committee, attestations);
            FinalVerdict verdict = Threshold.verdict(tally.trueStake(), tally.falseStake(), committee.totalStake(),
                    request.thresholdBps());
            results.add(new ClaimResult(claim.index(), claim.text(), claim.hash(), verdict, tally, attestations));
        }
        return new VerificationCertificate(request.chainId(), request.requestId(pool, claims), request.requestAccount(),
                request.requestHeight(),
                VerificationCertificate.poolHash(pool.candidates()), pool.candidates(), request.committeeSize(),
                request.thresholdBps(), request.requestBlockHash(), results);
    }
}
