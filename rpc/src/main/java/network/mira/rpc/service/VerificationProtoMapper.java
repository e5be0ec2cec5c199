package network.mira.rpc.service;

import java.util.List;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.ClaimVerdict;
import network.mira.rpc.v1.CommitteeSeat;
import network.mira.rpc.v1.VerificationClaim;
import network.mira.rpc.v1.VerificationPhase;
import network.mira.rpc.v1.VerificationRequest;
import network.mira.verification.certificate.StakeTally;
import network.mira.verification.committee.CommitteeCandidate;
import network.mira.verification.program.ClaimState;
import network.mira.verification.program.MemberSlot;
import network.mira.verification.program.RequestRecord;
import network.mira.verification.verdict.FinalVerdict;

/** Verification program records as the API shows them. */
public final class VerificationProtoMapper {
    private VerificationProtoMapper() {}

    /**
     * {@code record}, stored at {@code address}, as finalized at {@code height}. An open request is in its
     * commit or reveal window according to the next block ({@code height + 1}), where a commit or reveal
     * sent now would land; past its reveal deadline but not yet resolved (the next block's hook resolves
     * it) it still shows REVEAL.
     */
    public static VerificationRequest request(PublicKey address, RequestRecord record, long height) {
        VerificationRequest.Builder out = VerificationRequest.newBuilder().setRequest(address.toBase58())
                .setRequester(record.requester().toBase58()).setNonce(record.nonce())
                .setRequestHeight(record.requestHeight()).setFee(record.fee())
                .setCommitteeSize(record.committeeSize()).setThresholdBps(record.thresholdBps())
                .setPhase(phase(record, height));
        RequestRecord.Draw draw = record.draw();
        List<CommitteeCandidate> pool = draw == null ? List.of() : draw.pool();
        for (int i = 0; i < record.claims().size(); i++) {
            out.addClaims(claim(i, record.claims().get(i), pool));
        }
        if (draw != null) {
            out.setRequestId(draw.requestId().toBase58()).setCommitDeadline(draw.commitDeadline())
                    .setRevealDeadline(draw.revealDeadline()).setValidatorSetHash(draw.poolHash().toBase58());
        }
        if (record.settlement() != null) {
            out.setSettledHeight(record.settlement().height()).setPaid(record.settlement().paid())
                    .setRefunded(record.settlement().refunded());
        }
        return out.build();
    }

    static VerificationPhase phase(RequestRecord record, long height) {
        return switch (record.phase()) {
            case AWAITING_DRAW -> VerificationPhase.VERIFICATION_PHASE_AWAITING_DRAW;
            case OPEN -> switch (record.windowAt(height + 1)) {
                case COMMIT -> VerificationPhase.VERIFICATION_PHASE_COMMIT;
                case REVEAL, CLOSED -> VerificationPhase.VERIFICATION_PHASE_REVEAL;
            };
            case RESOLVED -> VerificationPhase.VERIFICATION_PHASE_RESOLVED;
            case CANCELLED -> VerificationPhase.VERIFICATION_PHASE_CANCELLED;
        };
    }

    private static VerificationClaim claim(int index, ClaimState claim, List<CommitteeCandidate> pool) {
        VerificationClaim.Builder out = VerificationClaim.newBuilder().setIndex(index).setText(claim.text())
                .setHash(claim.hash().toBase58());
        for (MemberSlot seat : claim.seats()) {
            CommitteeCandidate member = pool.get(seat.poolIndex());
            out.addCommittee(CommitteeSeat.newBuilder().setValidator(member.identity().toBase58())
                    .setStake(member.stake()).setCommitted(seat.committed()).setRevealed(seat.revealed())
                    .setEquivocated(seat.equivocated()).setVerdict(seat.revealed() ? seat.verdict().name() : ""));
        }
        if (claim.verdict() != null) {
            StakeTally tally = claim.tally();
            out.setVerdict(verdict(claim.verdict())).setStakeTrue(tally.trueStake()).setStakeFalse(tally.falseStake())
                    .setStakeUncertain(tally.uncertainStake()).setStakeMissing(tally.missingStake());
        }
        return out.build();
    }

    private static ClaimVerdict verdict(FinalVerdict verdict) {
        return switch (verdict) {
            case TRUE -> ClaimVerdict.CLAIM_VERDICT_TRUE;
            case FALSE -> ClaimVerdict.CLAIM_VERDICT_FALSE;
            case INCONCLUSIVE -> ClaimVerdict.CLAIM_VERDICT_INCONCLUSIVE;
        };
    }
}
