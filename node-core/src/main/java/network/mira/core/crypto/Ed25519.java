package network.mira.core.crypto;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Ed25519 signature verification for keys, messages and signatures that came from outside. */
public final class Ed25519 {
    private Ed25519() {}

    /**
     * True only for a valid signature by {@code key} over {@code message}. Every input here may be
     * hostile (a public key that is not a curve point, a non-canonical signature, nulls from a
     * half-decoded structure), and callers use the answer as a yes/no admission decision, so this
     * method answers false instead of throwing.
     */
    public static boolean verify(PublicKey key, byte[] message, Signature signature) {
        if (key == null || message == null || signature == null) {
            return false;
        }
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(key.bytes(), 0));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature.bytes());
        } catch (RuntimeException invalidInput) {
            // Bouncy Castle throws for some malformed keys instead of returning false.
            return false;
        }
    }
}
