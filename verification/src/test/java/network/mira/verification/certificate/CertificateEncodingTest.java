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
     * Every byte, flipped by each of three masks, either fails to decode or fails the check, except the
     * request height and the threshold: no signature covers those (docs/verification.md, "What the checker
     * proves"), so a flip there is caught only when it changes a verdict. This test pins that list.
     */
    @Test
    void everyAlteredByteFailsToDecodeOrFailsTheCheck() {
        byte[] encoded = valid.encode();
        int heightAt = 1 + 4 + CHAIN.getBytes(StandardCharsets.UTF_8).length + 32;
        int thresholdAt = heightAt + 8 + 32 + 4 + valid.pool().size() * 40 + 4;
        List<String> undetected = new ArrayList<>();
        int detected = 0;
        for (int position = 0; position < encoded.length; position++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] altered = encoded.clone();
                altered[position] ^= (byte) mask;
                if (fails(altered)) {
                    detected++;
                } else if (!(position >= heightAt && position < heightAt + 8)
                        && !(position >= thresholdAt && position < thresholdAt + 4)) {
                    undetected.add("byte " + position + " ^ " + mask);
                }
            }
        }
        assertThat(undetected).isEmpty();
        assertThat(detected).isGreaterThan(3 * (encoded.length - 12));
    }

    @Test
    void requestHeightIsNotBoundBySignatures() throws DecodeException {
        byte[] altered = valid.encode();
        int heightAt = 1 + 4 + CHAIN.getBytes(StandardCharsets.UTF_8).length + 32;
        altered[heightAt] ^= 1;
        VerificationCertificate decoded = VerificationCertificate.decode(altered);
        assertThat(decoded.requestHeight()).isNotEqualTo(valid.requestHeight());
        assertThat(CertificateChecker.check(decoded, CHAIN, setHash).isValid()).isTrue();
    }

    @Test
    void outOfOrderPoolIsNotCanonical() {
        List<network.mira.verification.committee.CommitteeCandidate> reversed = new ArrayList<>(valid.pool());
        java.util.Collections.reverse(reversed);
        assertThatThrownBy(() -> new VerificationCertificate(CHAIN, valid.requestId(), 1, valid.validatorSetHash(),
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
