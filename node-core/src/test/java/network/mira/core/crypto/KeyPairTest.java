package network.mira.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyPairTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032 section 7.1, tests 1 and 2: proves we compose Bouncy Castle into plain Ed25519. */
    @Test
    void rfc8032Vectors() {
        KeyPair first = KeyPair.fromSeed(HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertThat(first.publicKey().toHex())
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(first.sign(new byte[0]).toHex()).isEqualTo("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
                + "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

        KeyPair second = KeyPair.fromSeed(HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
        assertThat(second.publicKey().toHex())
                .isEqualTo("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        assertThat(second.sign(new byte[] {0x72}).toHex()).isEqualTo("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8f"
                + "b3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    }

    @Test
    void solanaSecretKeyRoundTrips() {
        KeyPair generated = KeyPair.generate(new SecureRandom());
        byte[] secret = generated.toSolanaSecretKey();
        assertThat(secret).hasSize(64);
        assertThat(java.util.Arrays.copyOfRange(secret, 32, 64)).isEqualTo(generated.publicKey().bytes());
        KeyPair loaded = KeyPair.fromSolanaSecretKey(secret);
        assertThat(loaded.publicKey()).isEqualTo(generated.publicKey());
        assertThat(loaded.sign(new byte[] {1, 2, 3})).isEqualTo(generated.sign(new byte[] {1, 2, 3}));
    }

    @Test
    void mismatchedPublicHalfIsRefusedPrecisely() {
        KeyPair one = KeyPair.fromSeed(new byte[32]);
        KeyPair other = KeyPair.fromSeed(filled(7));
        byte[] secret = one.toSolanaSecretKey();
        other.publicKey().copyTo(secret, 32);
        assertThatThrownBy(() -> KeyPair.fromSolanaSecretKey(secret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Solana secret key is inconsistent: its public half is " + other.publicKey()
                        + " but its seed derives public key " + one.publicKey());
    }

    @Test
    void wrongLengthsAreRefused() {
        assertThatThrownBy(() -> KeyPair.fromSeed(new byte[31]))
                .hasMessage("Ed25519 seed must be 32 bytes, got 31");
        assertThatThrownBy(() -> KeyPair.fromSolanaSecretKey(new byte[32]))
                .hasMessage("Solana secret key must be 64 bytes (32-byte seed then 32-byte public key), got 32");
        assertThatThrownBy(() -> KeyPair.fromSolanaSecretKey(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsNoSecret() {
        KeyPair keyPair = KeyPair.fromSeed(filled(0x42));
        String text = keyPair.toString();
        assertThat(text).isEqualTo("KeyPair[publicKey=" + keyPair.publicKey() + "]");
        byte[] seed = filled(0x42);
        assertThat(text).doesNotContain(HEX.formatHex(seed)).doesNotContain(Base58.encode(seed))
                .doesNotContain(Base58.encode(keyPair.toSolanaSecretKey()));
    }

    @Test
    void generateUsesTheRandomSource() {
        assertThat(KeyPair.generate(new SecureRandom()).publicKey())
                .isNotEqualTo(KeyPair.generate(new SecureRandom()).publicKey());
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
