package network.mira.verification.program;

import java.util.ArrayList;
import java.util.List;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.attestation.RequestId;
import network.mira.verification.committee.CandidatePool;
import network.mira.verification.committee.Committee;
import network.mira.verification.committee.CommitteeCandidate;
import network.mira.verification.committee.CommitteeSizeException;
import network.mira.verification.committee.RequestCommittees;

/**
 * Opens a request: draws each claim's committee from the pool with {@link RequestCommittees} (stake
 * weighted, without replacement, spread across claims), seeded by the request block's hash; binds the
 * request id; sets the deadlines. The committee is the request's size or the whole pool, whichever is
 * smaller.
 */
public final class CommitteeDraw {
    private CommitteeDraw() {}

    /**
     * @param pool             eligible validators with their stakes, not empty
     * @param requestBlockHash the hash of the block that recorded the request
     * @param height           the drawing block's height
     */
    public static RequestRecord open(RequestRecord request, PublicKey requestAccount, List<CommitteeCandidate> pool,
                                     Hash requestBlockHash, long height, VerificationParameters parameters) {
        CandidatePool candidates = CandidatePool.of(pool);
        int k = Math.min(request.committeeSize(), candidates.size());
        List<Committee> committees;
        try {
            committees = RequestCommittees.select(candidates, requestBlockHash, request.claims().size(), k);
        } catch (CommitteeSizeException e) {
            throw new IllegalStateException("a committee of " + k + " from " + candidates.size() + " candidates", e);
        }
        List<CommitteeCandidate> sortedPool = candidates.candidates();
        Hash poolHash = network.mira.verification.certificate.VerificationCertificate.poolHash(sortedPool);
        Hash requestId = RequestId.of(requestAccount, request.requestHeight(), requestBlockHash, poolHash, k,
                request.thresholdBps(), request.claimHashes());
        long commitDeadline = Math.addExact(height, parameters.commitBlocks());
        long revealDeadline = Math.addExact(commitDeadline, parameters.revealBlocks());
        List<ClaimState> claims = new ArrayList<>(request.claims().size());
        for (int i = 0; i < request.claims().size(); i++) {
            List<MemberSlot> seats = new ArrayList<>(k);
            for (CommitteeCandidate member : committees.get(i).members()) {
                seats.add(MemberSlot.empty(sortedPool.indexOf(member)));
            }
            claims.add(request.claims().get(i).withSeats(seats));
        }
        return request.opened(new RequestRecord.Draw(height, commitDeadline, revealDeadline, requestBlockHash,
                requestId, sortedPool), claims, k);
    }
}
