package network.mira.verification.attestation;

import static network.mira.verification.attestation.AttestationFixtures.CHAIN;
import static network.mira.verification.attestation.AttestationFixtures.REQUEST;
import static network.mira.verification.attestation.AttestationFixtures.attest;
import static network.mira.verification.attestation.AttestationFixtures.key;
import static network.mira.verification.attestation.AttestationFixtures.salt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.verification.verifier.Verdict;
import org.junit.jupiter.api.Test;

class AttestationTest {
    private final KeyPair alice = key(1);

    @Test
    void commitmentHashesTheDocumentedBytes() {
        byte[] expected = concat("mira/attest/commit/v1".getBytes(StandardCharsets.US_ASCII), REQUEST.bytes(),
                new byte[] {7, 0, 0, 0}, new byte[] {1}, salt(3), alice.publicKey().bytes());
        assertThat(expected).hasSize(122);
        assertThat(AttestationCommitment.of(REQUEST, 7, Verdict.FALSE, salt(3), alice.publicKey()))
                .isEqualTo(Hash.sha256(expected));
    }

    @Test
    void signBytesAreTheDocumentedBytes() {
        Attestation attestation = attest(alice, 7, Verdict.UNCERTAIN, 3);
        byte[] expected = concat("mira/attest/reveal/v1".getBytes(StandardCharsets.US_ASCII),
                new byte[] {11, 0, 0, 0}, CHAIN.getBytes(StandardCharsets.UTF_8), REQUEST.bytes(),
                new byte[] {7, 0, 0, 0}, new byte[] {2}, salt(3));
        assertThat(attestation.signBytes(CHAIN)).isEqualTo(expected);
    }

    @Test
    void verdictCodesAreFixed() {
        assertThat(VerdictCodes.code(Verdict.TRUE)).isZero();
        assertThat(VerdictCodes.code(Verdict.FALSE)).isEqualTo(1);
        assertThat(VerdictCodes.code(Verdict.UNCERTAIN)).isEqualTo(2);
        assertThatThrownBy(() -> VerdictCodes.fromCode(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signedAttestationVerifiesOnItsChainOnly() {
        Attestation attestation = attest(alice, 0, Verdict.TRUE, 1);
        assertThat(attestation.verify(CHAIN)).isTrue();
        assertThat(attestation.verify("mira-testnet")).isFalse();
        Attestation otherVerdict = new Attestation(REQUEST, 0, Verdict.FALSE, salt(1), alice.publicKey(),
                attestation.signature());
        assertThat(otherVerdict.verify(CHAIN)).isFalse();
        Attestation otherSigner = new Attestation(REQUEST, 0, Verdict.TRUE, salt(1), key(2).publicKey(),
                attestation.signature());
        assertThat(otherSigner.verify(CHAIN)).isFalse();
    }

    @Test
    void commitmentOpensOnlyForTheSameContent() {
        Attestation attestation = attest(alice, 4, Verdict.TRUE, 9);
        assertThat(attestation.commitment())
                .isEqualTo(AttestationCommitment.of(REQUEST, 4, Verdict.TRUE, salt(9), alice.publicKey()))
                .isNotEqualTo(AttestationCommitment.of(REQUEST, 4, Verdict.FALSE, salt(9), alice.publicKey()))
                .isNotEqualTo(AttestationCommitment.of(REQUEST, 4, Verdict.TRUE, salt(9), key(2).publicKey()));
    }

    @Test
    void encodingRoundTripsAndIsExact() throws DecodeException {
        Attestation attestation = attest(alice, 5, Verdict.FALSE, 2);
        byte[] encoded = attestation.encode();
        assertThat(encoded).hasSize(Attestation.ENCODED_LENGTH).hasSize(165);
        assertThat(Attestation.decode(encoded)).isEqualTo(attestation);
        byte[] longer = java.util.Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> Attestation.decode(longer)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("trailing");
        byte[] badVerdict = encoded.clone();
        badVerdict[36] = 3;
        assertThatThrownBy(() -> Attestation.decode(badVerdict)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("verdict");
    }

    @Test
    void saltIsCopiedAndChecked() {
        byte[] salt = salt(1);
        Attestation attestation = Attestation.sign(CHAIN, REQUEST, 0, Verdict.TRUE, salt, alice);
        salt[0] ^= 1;
        attestation.salt()[1] ^= 1;
        assertThat(attestation.verify(CHAIN)).isTrue();
        assertThatThrownBy(() -> Attestation.sign(CHAIN, REQUEST, 0, Verdict.TRUE, new byte[31], alice))
                .hasMessageContaining("salt must be 32 bytes");
    }

    @Test
    void hexOfAKnownCommitmentIsStable() {
        // Pins the commitment format: a change here changes what validators have committed on chain.
        Hash commitment = AttestationCommitment.of(Hash.ZERO, 0, Verdict.TRUE, new byte[32],
                key(1).publicKey());
        assertThat(commitment.toHex()).isEqualTo(HexFormat.of().formatHex(Hash.sha256(concat(
                "mira/attest/commit/v1".getBytes(StandardCharsets.US_ASCII), new byte[32 + 4 + 1 + 32],
                key(1).publicKey().bytes())).bytes()));
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
