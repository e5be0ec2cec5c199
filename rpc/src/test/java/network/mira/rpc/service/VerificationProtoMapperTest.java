package network.mira.rpc.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.VerificationPhase;
import network.mira.verification.claims.Claim;
import network.mira.verification.committee.CommitteeCandidate;
import network.mira.verification.program.ClaimState;
import network.mira.verification.program.MemberSlot;
import network.mira.verification.program.RequestRecord;
import org.junit.jupiter.api.Test;

/** Which phase the API shows: an open request by the window of the next block, where a message would land. */
class VerificationProtoMapperTest {
    private static final PublicKey REQUESTER = PublicKey.wrap(Hash.sha256(new byte[] {1}).bytes());
    private static final PublicKey MEMBER = PublicKey.wrap(Hash.sha256(new byte[] {2}).bytes());

    private final RequestRecord requested = RequestRecord.requested(REQUESTER, 1, 10, 5_000, 1, 0,
            List.of(Claim.of(0, "Paris is the capital of France")));
    /** Drawn at 11: commits up to 13, reveals up to 15. */
    private final RequestRecord open = requested.opened(new RequestRecord.Draw(11, 13, 15, Hash.sha256(new byte[] {3}),
            Hash.sha256(new byte[] {4}), List.of(new CommitteeCandidate(MEMBER, 7))),
            List.of(requested.claims().get(0).withSeats(List.of(MemberSlot.empty(0)))), 1);

    @Test
    void everyPhaseMaps() {
        assertThat(VerificationProtoMapper.phase(requested, 10))
                .isEqualTo(VerificationPhase.VERIFICATION_PHASE_AWAITING_DRAW);
        assertThat(VerificationProtoMapper.phase(open, 12)).isEqualTo(VerificationPhase.VERIFICATION_PHASE_COMMIT);
        assertThat(VerificationProtoMapper.phase(open, 13)).as("block 14 takes reveals")
                .isEqualTo(VerificationPhase.VERIFICATION_PHASE_REVEAL);
        assertThat(VerificationProtoMapper.phase(open, 15)).as("past the deadline, resolved by the next block")
                .isEqualTo(VerificationPhase.VERIFICATION_PHASE_REVEAL);
        assertThat(VerificationProtoMapper.phase(requested.cancelled(11), 11))
                .isEqualTo(VerificationPhase.VERIFICATION_PHASE_CANCELLED);
    }

    @Test
    void aCancelledRequestShowsItsRefundAndNoCommittee() {
        var shown = VerificationProtoMapper.request(PublicKey.wrap(Hash.sha256(new byte[] {9}).bytes()),
                requested.cancelled(11), 11);
        assertThat(shown.getRefunded()).isEqualTo(5_000);
        assertThat(shown.getSettledHeight()).isEqualTo(11);
        assertThat(shown.getRequestId()).isEmpty();
        assertThat(shown.getClaims(0).getCommitteeList()).isEmpty();
    }

    @Test
    void aSeatShowsItsMemberAndStake() {
        var seat = VerificationProtoMapper.request(REQUESTER, open, 12).getClaims(0).getCommittee(0);
        assertThat(seat.getValidator()).isEqualTo(MEMBER.toBase58());
        assertThat(seat.getStake()).isEqualTo(7);
        assertThat(seat.getVerdict()).isEmpty();
    }
}
