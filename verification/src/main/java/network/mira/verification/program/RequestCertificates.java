package network.mira.verification.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.certificate.CertificateAssembler;
import network.mira.verification.certificate.VerificationCertificate;
import network.mira.verification.claims.Claim;
import network.mira.verification.committee.CandidatePool;
import network.mira.verification.committee.CommitteeSizeException;

/**
 * The certificate of a resolved request, from its account alone: the claims, the pool and draw, and the
 * revealed attestations the program counted. The assembler recomputes committees, tallies, verdicts
 * and the request id exactly as an offline checker will, and they must be the program's.
 */
public final class RequestCertificates {
    private RequestCertificates() {}

    /** @throws IllegalArgumentException if the request is not resolved */
    public static VerificationCertificate of(String chainId, PublicKey requestAccount, RequestRecord request) {
        if (request.phase() != RequestPhase.RESOLVED) {
            throw new IllegalArgumentException("request " + requestAccount + " is " + request.phase()
                    + "; only a resolved request has a certificate");
        }
        RequestRecord.Draw draw = request.draw();
        List<Claim> claims = new ArrayList<>();
        Map<Integer, List<Attestation>> counted = new TreeMap<>();
        for (int i = 0; i < request.claims().size(); i++) {
            ClaimState claim = request.claims().get(i);
            claims.add(new Claim(i, claim.text(), claim.hash()));
            List<Attestation> revealed = new ArrayList<>();
            for (MemberSlot seat : claim.seats()) {
                if (seat.counts()) {
                    revealed.add(new Attestation(draw.requestId(), i, seat.verdict(), seat.salt(),
                            draw.pool().get(seat.poolIndex()).identity(), seat.signature()));
                }
            }
            counted.put(i, revealed);
        }
        VerificationCertificate certificate;
        try {
            certificate = CertificateAssembler.assemble(new CertificateAssembler.Request(chainId, requestAccount,
                    request.requestHeight(), draw.requestBlockHash(), request.committeeSize(), request.thresholdBps()),
                    CandidatePool.of(draw.pool()), claims, counted);
        } catch (CommitteeSizeException e) {
            throw new IllegalStateException("request " + requestAccount + " was drawn with an impossible size", e);
        }
        if (!certificate.requestId().equals(draw.requestId())) {
            throw new IllegalStateException("request " + requestAccount + ": its recorded id " + draw.requestId()
                    + " is not the digest of its parameters " + certificate.requestId());
        }
        return certificate;
    }
}
