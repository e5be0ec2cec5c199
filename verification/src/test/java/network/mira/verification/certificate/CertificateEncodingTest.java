package network.mira.verification.certificate;

import network.mira.verification.verdict.Threshold;
import static network.mira.verification.attestation.AttestationFixtures.CHAIN;
import static network.mira.verification.certificate.CertificateFixtures.certificate;
import static network.mira.verification.certificate.CertificateFixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import org.junit.jupiter.api.Test;

class CertificateEncodingTest {
    private final VerificationCertificate valid = certificate();
    private final Hash setHash = VerificationCertificate.poolHash(pool().candidates());

    @Test
    void binaryRoundTripIsExact() throws DecodeException {
        byte[] encoded = valid.encode();
        VerificationCertificate decoded = VerificationCertificate.decode(encoded);
        assertThat(decoded).isEqualTo(valid);
        assertThat(decoded.encode()).isEqualTo(encoded);
    }

    @Test
    void trailingAndTruncatedBytesAreRefused() {
        byte[] encoded = valid.encode();
        byte[] longer = java.util.Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> VerificationCertificate.decode(longer)).hasMessageContaining("trailing");
        byte[] shorter = java.util.Arrays.copyOf(encoded, encoded.length - 1);
        assertThatThrownBy(() -> VerificationCertificate.decode(shorter)).hasMessageContaining("truncated");
    }

    /**
     * Every byte, flipped by each of three masks, either fails to decode or fails the check: the
     * signatures cover the request id, and the checker recomputes the request id from the request
     * account, height, block hash, pool, committee size, threshold and claim hashes.
     */
    @Test
    void everyAlteredByteFailsToDecodeOrFailsTheCheck() {
        byte[] encoded = valid.encode();
        List<String> undetected = new ArrayList<>();
        for (int position = 0; position < encoded.length; position++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] altered = encoded.clone();
                altered[position] ^= (byte) mask;
                if (!fails(altered)) {
                    undetected.add("byte " + position + " ^ " + mask);
                }
            }
        }
        assertThat(undetected).isEmpty();
    }

    @Test
    void anAlteredRequestHeightOrThresholdIsCaughtByTheRequestId() throws DecodeException {
        int heightAt = 1 + 4 + CHAIN.getBytes(StandardCharsets.UTF_8).length + 32 + 32;
        byte[] altered = valid.encode();
        altered[heightAt] ^= 1;
        VerificationCertificate decoded = VerificationCertificate.decode(altered);
        assertThat(decoded.requestHeight()).isNotEqualTo(valid.requestHeight());
        assertThat(CertificateChecker.check(decoded, CHAIN, setHash).problem())
                .contains(CheckResult.Problem.REQUEST_ID_MISMATCH);
        VerificationCertificate lowered = new VerificationCertificate(CHAIN, valid.requestId(), valid.requestAccount(),
                valid.requestHeight(), valid.validatorSetHash(), valid.pool(), valid.committeeSize(), 5_001,
                valid.requestBlockHash(), valid.claims());
        assertThat(CertificateChecker.check(lowered, CHAIN, setHash).problem())
                .contains(CheckResult.Problem.REQUEST_ID_MISMATCH);
    }

    @Test
    void outOfOrderPoolIsNotCanonical() {
        List<network.mira.verification.committee.CommitteeCandidate> reversed = new ArrayList<>(valid.pool());
        java.util.Collections.reverse(reversed);
        assertThatThrownBy(() -> new VerificationCertificate(CHAIN, valid.requestId(), valid.requestAccount(), 1, valid.validatorSetHash(),
                reversed, 3, Threshold.DEFAULT_BPS, valid.requestBlockHash(), valid.claims()))
                .hasMessageContaining("ascending");
    }

    private boolean fails(byte[] altered) {
        VerificationCertificate decoded;
        try {
            decoded = VerificationCertificate.decode(altered);
        } catch (DecodeException e) {
            return true;
        }
        return !CertificateChecker.check(decoded, CHAIN, setHash).isValid();
    }
}
