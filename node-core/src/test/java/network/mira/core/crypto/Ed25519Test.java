package network.mira.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class Ed25519Test {
    private static final KeyPair SIGNER = KeyPair.fromSeed(new byte[32]);
    private static final byte[] MESSAGE = {1, 2, 3};

    @Example
    void acceptsAValidSignatureOnly() {
        Signature signature = SIGNER.sign(MESSAGE);
        assertThat(Ed25519.verify(SIGNER.publicKey(), MESSAGE, signature)).isTrue();
        assertThat(Ed25519.verify(SIGNER.publicKey(), new byte[] {1, 2, 4}, signature)).isFalse();
        PublicKey other = KeyPair.fromSeed(filled(1)).publicKey();
        assertThat(Ed25519.verify(other, MESSAGE, signature)).isFalse();
    }

    @Example
    void hostileInputGivesFalseNotAnException() {
        Signature signature = SIGNER.sign(MESSAGE);
        // y = 2^255 - 1 is not a canonical field element, so not a point encoding
        assertThat(Ed25519.verify(PublicKey.wrap(filled(0xFF)), MESSAGE, signature)).isFalse();
        // S >= L: a malleated signature
        byte[] malleable = signature.bytes();
        Arrays.fill(malleable, 32, 64, (byte) 0xFF);
        assertThat(Ed25519.verify(SIGNER.publicKey(), MESSAGE, Signature.wrap(malleable))).isFalse();
        assertThat(Ed25519.verify(null, MESSAGE, signature)).isFalse();
        assertThat(Ed25519.verify(SIGNER.publicKey(), null, signature)).isFalse();
        assertThat(Ed25519.verify(SIGNER.publicKey(), MESSAGE, null)).isFalse();
    }

    @Example
    void rejectsTheIdentityKeyWithTheTrivialSignature() {
        // Public key = identity point, R = identity, S = 0 satisfies the cofactorless equation for
        // every message; a strict verifier (as Solana's) refuses it.
        byte[] identity = HexFormat.of().parseHex("0100000000000000000000000000000000000000000000000000000000000000");
        byte[] trivial = new byte[64];
        trivial[0] = 1;
        assertThat(Ed25519.verify(PublicKey.wrap(identity), MESSAGE, Signature.wrap(trivial))).isFalse();
    }

    @Property
    void randomKeysAndSignaturesNeverVerifyOrThrow(@ForAll @Size(value = 32) byte[] key,
                                                   @ForAll @Size(value = 64) byte[] signature,
                                                   @ForAll byte[] message) {
        assertThat(Ed25519.verify(PublicKey.wrap(key), message, Signature.wrap(signature))).isFalse();
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
