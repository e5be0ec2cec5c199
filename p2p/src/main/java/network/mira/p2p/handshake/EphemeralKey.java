package network.mira.p2p.handshake;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/** A one-connection X25519 key pair (Bouncy Castle); forward secrecy comes from never reusing it. */
public final class EphemeralKey {
    private final X25519PrivateKeyParameters privateKey;

    private EphemeralKey(X25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
    }

    public static EphemeralKey generate(SecureRandom random) {
        return new EphemeralKey(new X25519PrivateKeyParameters(random));
    }

    public byte[] publicKey() {
        return privateKey.generatePublicKey().getEncoded();
    }

    /**
     * X25519(our private, peer public). A low-order peer point yields the all-zero secret, which
     * any eavesdropper could compute: refused. Bouncy Castle throws for it; the explicit check
     * keeps the guarantee should that ever change.
     */
    public byte[] agree(byte[] peerPublicKey) throws HandshakeException {
        byte[] secret = new byte[X25519PrivateKeyParameters.SECRET_SIZE];
        try {
            privateKey.generateSecret(new X25519PublicKeyParameters(peerPublicKey, 0), secret, 0);
        } catch (RuntimeException lowOrderPoint) {
            throw new HandshakeException(RefusalReason.WEAK_EPHEMERAL_KEY, "X25519 agreement failed");
        }
        if (isAllZero(secret)) {
            throw new HandshakeException(RefusalReason.WEAK_EPHEMERAL_KEY, "X25519 shared secret is all zeros");
        }
        return secret;
    }

    private static boolean isAllZero(byte[] bytes) {
        int accumulated = 0;
        for (byte b : bytes) {
            accumulated |= b;
        }
        return accumulated == 0;
    }

    @Override
    public String toString() {
        return "EphemeralKey[hidden]";
    }
}
