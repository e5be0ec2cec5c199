package network.mira.verification.certificate;

import network.mira.verification.verdict.Threshold;
import static network.mira.verification.attestation.AttestationFixtures.CHAIN;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.attestation.AttestationFixtures;
import network.mira.verification.claims.Claim;
import network.mira.verification.committee.CandidatePool;
import network.mira.verification.committee.Committee;
import network.mira.verification.committee.CommitteeCandidate;
import network.mira.verification.committee.CommitteeSizeException;
import network.mira.verification.committee.RequestCommittees;
import network.mira.verification.verifier.Verdict;

/**
 * A certificate from real keys: 12 validators with stakes 10..120, k = 3, three claims judged
 * TRUE by everyone, FALSE by everyone, and one TRUE with two UNCERTAIN (so INCONCLUSIVE).
 */
final class CertificateFixtures {
    static final int VALIDATORS = 12;
    static final int K = 3;
    static final Hash BLOCK = Hash.sha256("block-100".getBytes(StandardCharsets.UTF_8));
    static final CertificateAssembler.Request REQUEST_PARAMETERS =
            new CertificateAssembler.Request(CHAIN, AttestationFixtures.keys(1).get(0).publicKey(), 100, BLOCK, K,
                    Threshold.DEFAULT_BPS);
    static final List<Claim> CLAIMS = List.of(Claim.of(0, "water boils at 100 degrees celsius at sea level"),
            Claim.of(1, "the moon is made of cheese"), Claim.of(2, "the meeting is on tuesday"));

    private CertificateFixtures() {}

    static List<KeyPair> keys() {
        return AttestationFixtures.keys(VALIDATORS);
    }

    static CandidatePool pool() {
        List<CommitteeCandidate> candidates = new ArrayList<>();
        List<KeyPair> keys = keys();
        for (int i = 0; i < keys.size(); i++) {
            candidates.add(new CommitteeCandidate(keys.get(i).publicKey(), 10L * (i + 1)));
        }
        return CandidatePool.of(candidates);
    }

    static List<Committee> committees() {
        try {
            return RequestCommittees.select(pool(), BLOCK, CLAIMS.size(), K);
        } catch (CommitteeSizeException e) {
            throw new AssertionError(e);
        }
    }

    /** The id the attestations sign: the digest of the request's parameters. */
    static Hash requestId() {
        return REQUEST_PARAMETERS.requestId(pool(), CLAIMS);
    }

    static KeyPair keyOf(PublicKey identity) {
        return keys().stream().filter(k -> k.publicKey().equals(identity)).findFirst().orElseThrow();
    }

    /** Every member of every committee attests; claim 2's first member says TRUE, the others UNCERTAIN. */
    static Map<Integer, List<Attestation>> attestations() {
        Map<Integer, List<Attestation>> counted = new TreeMap<>();
        List<Committee> committees = committees();
        for (int claim = 0; claim < CLAIMS.size(); claim++) {
            List<Attestation> list = new ArrayList<>();
            List<PublicKey> members = committees.get(claim).identities();
            for (int m = 0; m < members.size(); m++) {
                Verdict verdict = switch (claim) {
                    case 0 -> Verdict.TRUE;
                    case 1 -> Verdict.FALSE;
                    default -> m == 0 ? Verdict.TRUE : Verdict.UNCERTAIN;
                };
                list.add(Attestation.sign(CHAIN, requestId(), claim, verdict, AttestationFixtures.salt(claim * 100 + m),
                        keyOf(members.get(m))));
            }
            counted.put(claim, list);
        }
        return counted;
    }

    static VerificationCertificate certificate() {
        try {
            return CertificateAssembler.assemble(REQUEST_PARAMETERS, pool(), CLAIMS, attestations());
        } catch (CommitteeSizeException e) {
            throw new AssertionError(e);
        }
    }

    /** The certificate with claim {@code index} replaced. */
    static VerificationCertificate withClaim(VerificationCertificate certificate, ClaimResult claim) {
        List<ClaimResult> claims = new ArrayList<>(certificate.claims());
        claims.set(claim.index(), claim);
        return new VerificationCertificate(certificate.chainId(), certificate.requestId(), certificate.requestAccount(),
                certificate.requestHeight(),
                certificate.validatorSetHash(), certificate.pool(), certificate.committeeSize(),
                certificate.thresholdBps(), certificate.requestBlockHash(), claims);
    }
}
