package network.mira.core.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import org.junit.jupiter.api.Test;

class TransactionSignTest {
    private final KeyPair payer = KeyPair.fromSeed(seed(1));
    private final KeyPair second = KeyPair.fromSeed(seed(2));
    private final PublicKey program = PublicKey.wrap(seed(3));
    private final Message message = new Message(MessageVersion.LEGACY, new MessageHeader(2, 1, 1),
            List.of(payer.publicKey(), second.publicKey(), program), Hash.sha256(new byte[] {1}),
            List.of(new CompiledInstruction(2, new byte[] {0, 1}, new byte[] {5})));

    private static byte[] seed(int fill) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) fill);
        return seed;
    }

    @Test
    void placesEachSignatureAtItsKeyIndexWhateverTheOrderOfKeyPairs() {
        Transaction transaction = Transaction.sign(message, List.of(second, payer));
        byte[] signed = message.serialize();
        assertThat(Ed25519.verify(payer.publicKey(), signed, transaction.signatures().get(0))).isTrue();
        assertThat(Ed25519.verify(second.publicKey(), signed, transaction.signatures().get(1))).isTrue();
        assertThat(transaction.id()).isEqualTo(transaction.signatures().get(0));
        assertThat(transaction.verifySignatures()).containsExactly(true, true);
    }

    @Test
    void missingSignerIsRefused() {
        assertThatThrownBy(() -> Transaction.sign(message, List.of(payer)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing key pair for required signer 1 (" + second.publicKey() + ")");
    }

    @Test
    void keyPairThatIsNotASignerIsRefused() {
        KeyPair stranger = KeyPair.fromSeed(seed(9));
        assertThatThrownBy(() -> Transaction.sign(message, List.of(payer, second, stranger)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key pair " + stranger.publicKey() + " is not a required signer of this message");
    }

    @Test
    void verifyReportsEachSignatureSeparately() {
        Transaction signed = Transaction.sign(message, List.of(payer, second));
        Transaction forged = new Transaction(List.of(signed.signatures().get(0), Signature.wrap(new byte[64])),
                message);
        assertThat(forged.verifySignatures()).containsExactly(true, false);
        assertThat(forged.allSignaturesValid()).isFalse();
    }

    @Test
    void constructorChecksTheSignatureCount() {
        assertThatThrownBy(() -> new Transaction(List.of(Signature.wrap(new byte[64])), message))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signature count 1 does not match header's required signatures 2");
    }
}
