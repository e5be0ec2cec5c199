package network.mira.verification.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.certificate.StakeTally;
import network.mira.verification.claims.Claim;
import network.mira.verification.claims.ClaimLimits;
import network.mira.verification.committee.CandidatePool;
import network.mira.verification.committee.CommitteeCandidate;
import network.mira.verification.verdict.FinalVerdict;

/**
 * A verification request as the program keeps it in its account: who asked, the escrowed fee, the
 * committee size and threshold, the claims, and — once drawn — the pool, deadlines and every member's
 * seat, and — once resolved — each claim's verdict. Encoded (little endian):
 * <pre>
 * u8 version 1 ‖ requester 32 ‖ u64 nonce ‖ u64 request height ‖ u64 fee ‖ u32 committee size ‖
 * u32 threshold bps ‖ u8 phase ‖ u32 claim count ‖ claim texts (u32 len + UTF-8) ‖
 * [drawn: u64 draw height ‖ u64 commit deadline ‖ u64 reveal deadline ‖ block hash 32 ‖ request id 32 ‖
 *  u32 pool size ‖ (identity 32 ‖ u64 stake)* ‖ per claim: u32 seats ‖ seats ({@link MemberSlot})] ‖
 * [resolved or cancelled: u64 height ‖ u64 paid ‖ u64 refunded ‖ resolved: per claim u8 verdict ‖ u64×4 tally]
 * </pre>
 * The committee size is the request's until the draw and the drawn one after (never more than the pool).
 */
public record RequestRecord(PublicKey requester, long nonce, long requestHeight, long fee, int committeeSize,
                            int thresholdBps, RequestPhase phase, List<ClaimState> claims, Draw draw,
                            Settlement settlement) {
    private static final int VERSION = 1;

    /**
     * The draw: the request block's hash seeds it; the pool is every eligible validator with its stake,
     * in ascending identity order.
     */
    public record Draw(long drawHeight, long commitDeadline, long revealDeadline, Hash requestBlockHash,
                       Hash requestId, List<CommitteeCandidate> pool) {
        public Draw {
            pool = List.copyOf(pool);
        }

        public Hash poolHash() {
            return network.mira.verification.certificate.VerificationCertificate.poolHash(pool);
        }
    }

    /** How the fee went: paid to members, returned to the requester; at which height. */
    public record Settlement(long height, long paid, long refunded) {}

    public RequestRecord {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(phase, "phase");
        claims = List.copyOf(claims);
        if ((phase == RequestPhase.OPEN || phase == RequestPhase.RESOLVED) != (draw != null)) {
            throw new IllegalArgumentException("only open and resolved requests have a draw");
        }
        if ((phase == RequestPhase.RESOLVED || phase == RequestPhase.CANCELLED) != (settlement != null)) {
            throw new IllegalArgumentException("only resolved and cancelled requests are settled");
        }
    }

    public static RequestRecord requested(PublicKey requester, long nonce, long height, long fee, int committeeSize,
                                          int thresholdBps, List<Claim> claims) {
        return new RequestRecord(requester, nonce, height, fee, committeeSize, thresholdBps,
                RequestPhase.AWAITING_DRAW, claims.stream().map(ClaimState::of).toList(), null, null);
    }

    public List<Hash> claimHashes() {
        return claims.stream().map(ClaimState::hash).toList();
    }

    /** Which window an open request is in at {@code height}: commits up to the commit deadline, then reveals. */
    public RequestPhase.Window windowAt(long height) {
        if (phase != RequestPhase.OPEN) {
            return RequestPhase.Window.CLOSED;
        }
        if (height <= draw.commitDeadline()) {
            return RequestPhase.Window.COMMIT;
        }
        return height <= draw.revealDeadline() ? RequestPhase.Window.REVEAL : RequestPhase.Window.CLOSED;
    }

    /** The member's position in the pool, or -1 when it was not drawn from it. */
    public int poolIndexOf(PublicKey identity) {
        if (draw == null) {
            return -1;
        }
        List<CommitteeCandidate> pool = draw.pool();
        for (int i = 0; i < pool.size(); i++) {
            if (pool.get(i).identity().equals(identity)) {
                return i;
            }
        }
        return -1;
    }

    public RequestRecord opened(Draw newDraw, List<ClaimState> drawnClaims, int drawnCommitteeSize) {
        return new RequestRecord(requester, nonce, requestHeight, fee, drawnCommitteeSize, thresholdBps,
                RequestPhase.OPEN, drawnClaims, newDraw, null);
    }

    public RequestRecord withClaims(List<ClaimState> newClaims) {
        return new RequestRecord(requester, nonce, requestHeight, fee, committeeSize, thresholdBps, phase, newClaims,
                draw, settlement);
    }

    public RequestRecord resolved(List<ClaimState> resolvedClaims, Settlement newSettlement) {
        return new RequestRecord(requester, nonce, requestHeight, fee, committeeSize, thresholdBps,
                RequestPhase.RESOLVED, resolvedClaims, draw, newSettlement);
    }

    public RequestRecord cancelled(long height) {
        return new RequestRecord(requester, nonce, requestHeight, fee, committeeSize, thresholdBps,
                RequestPhase.CANCELLED, claims, null, new Settlement(height, 0, fee));
    }

    public byte[] encode() {
        ByteWriter out = new ByteWriter(256 + claims.size() * 128).u8(VERSION).raw(requester.bytes()).u64(nonce)
                .u64(requestHeight).u64(fee).u32(committeeSize).u32(thresholdBps).u8(phase.ordinal())
                .u32(claims.size());
        claims.forEach(claim -> out.string(claim.text()));
        if (draw != null) {
            out.u64(draw.drawHeight()).u64(draw.commitDeadline()).u64(draw.revealDeadline())
                    .raw(draw.requestBlockHash().bytes()).raw(draw.requestId().bytes()).u32(draw.pool().size());
            draw.pool().forEach(candidate -> out.raw(candidate.identity().bytes()).u64(candidate.stake()));
            for (ClaimState claim : claims) {
                out.u32(claim.seats().size());
                claim.seats().forEach(seat -> seat.encode(out));
            }
        }
        if (settlement != null) {
            out.u64(settlement.height()).u64(settlement.paid()).u64(settlement.refunded());
        }
        if (phase == RequestPhase.RESOLVED) {
            for (ClaimState claim : claims) {
                StakeTally tally = claim.tally();
                out.u8(claim.verdict().code()).u64(tally.trueStake()).u64(tally.falseStake())
                        .u64(tally.uncertainStake()).u64(tally.missingStake());
            }
        }
        return out.toByteArray();
    }

    /** @throws DecodeException naming the field when the bytes are not exactly one record */
    public static RequestRecord decode(byte[] bytes) throws DecodeException {
        ByteReader in = new ByteReader(bytes);
        int version = in.u8("version");
        if (version != VERSION) {
            throw new DecodeException("request record version " + version + " is not " + VERSION);
        }
        PublicKey requester = PublicKey.wrap(in.raw(PublicKey.LENGTH, "requester"));
        long nonce = in.u64("nonce");
        long height = in.u64("request height");
        long fee = in.u64("fee");
        int committeeSize = (int) Math.min(in.u32("committee size"), Integer.MAX_VALUE);
        int threshold = (int) Math.min(in.u32("threshold"), Integer.MAX_VALUE);
        int phaseCode = in.u8("phase");
        if (phaseCode >= RequestPhase.values().length) {
            throw new DecodeException("request phase " + phaseCode + " is unknown");
        }
        RequestPhase phase = RequestPhase.values()[phaseCode];
        long claimCount = in.u32("claim count");
        if (claimCount == 0 || claimCount > ClaimLimits.MAX_CLAIMS) {
            throw new DecodeException("claim count " + claimCount + " is not 1.." + ClaimLimits.MAX_CLAIMS);
        }
        List<ClaimState> claims = new ArrayList<>();
        for (int i = 0; i < claimCount; i++) {
            claims.add(ClaimState.of(Claim.of(i, in.string(ClaimLimits.MAX_CLAIM_BYTES, "claim " + i))));
        }
        Draw draw = null;
        if (phase == RequestPhase.OPEN || phase == RequestPhase.RESOLVED) {
            long drawHeight = in.u64("draw height");
            long commitDeadline = in.u64("commit deadline");
            long revealDeadline = in.u64("reveal deadline");
            Hash blockHash = Hash.wrap(in.raw(Hash.LENGTH, "request block hash"));
            Hash requestId = Hash.wrap(in.raw(Hash.LENGTH, "request id"));
            long poolSize = in.u32("pool size");
            if (poolSize == 0 || poolSize > CandidatePool.MAX_CANDIDATES) {
                throw new DecodeException("pool size " + poolSize + " is not 1.." + CandidatePool.MAX_CANDIDATES);
            }
            List<CommitteeCandidate> pool = new ArrayList<>();
            for (int i = 0; i < poolSize; i++) {
                PublicKey identity = PublicKey.wrap(in.raw(PublicKey.LENGTH, "pool identity " + i));
                pool.add(new CommitteeCandidate(identity, in.u64("pool stake " + i)));
            }
            draw = new Draw(drawHeight, commitDeadline, revealDeadline, blockHash, requestId, pool);
            for (int c = 0; c < claims.size(); c++) {
                long seatCount = in.u32("claim " + c + " seats");
                if (seatCount > poolSize) {
                    throw new DecodeException("claim " + c + " has " + seatCount + " seats in a pool of " + poolSize);
                }
                List<MemberSlot> seats = new ArrayList<>();
                for (int s = 0; s < seatCount; s++) {
                    seats.add(MemberSlot.decode(in, (int) poolSize, "claim " + c + " seat " + s));
                }
                claims.set(c, claims.get(c).withSeats(seats));
            }
        }
        Settlement settlement = null;
        if (phase == RequestPhase.RESOLVED || phase == RequestPhase.CANCELLED) {
            settlement = new Settlement(in.u64("settled height"), in.u64("paid"), in.u64("refunded"));
        }
        if (phase == RequestPhase.RESOLVED) {
            for (int c = 0; c < claims.size(); c++) {
                FinalVerdict verdict;
                try {
                    verdict = FinalVerdict.fromCode(in.u8("claim " + c + " verdict"));
                } catch (IllegalArgumentException e) {
                    throw new DecodeException("claim " + c + ": " + e.getMessage());
                }
                StakeTally tally = new StakeTally(in.u64("true stake"), in.u64("false stake"),
                        in.u64("uncertain stake"), in.u64("missing stake"));
                claims.set(c, claims.get(c).resolved(verdict, tally));
            }
        }
        in.expectEnd("request record");
        try {
            return new RequestRecord(requester, nonce, height, fee, committeeSize, threshold, phase, claims, draw,
                    settlement);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("request record: " + e.getMessage());
        }
    }
}
