package network.mira.p2p;

import java.security.SecureRandom;
import java.util.Objects;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;

/**
 * This node's long-lived p2p identity: an Ed25519 key pair. The peer id is the public key; its
 * base58 text is what operators write in persistent-peer lists and see in logs. The secret only
 * ever signs handshake transcripts.
 */
public final class NodeIdentity {
    private final KeyPair keyPair;

    public NodeIdentity(KeyPair keyPair) {
        this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
    }

    public static NodeIdentity generate() {
        return new NodeIdentity(KeyPair.generate(new SecureRandom()));
    }

    public PublicKey publicKey() {
        return keyPair.publicKey();
    }

    /** The peer id in text form (base58 of the public key). */
    public String peerId() {
        return keyPair.publicKey().toBase58();
    }

    public Signature sign(byte[] message) {
        return keyPair.sign(message);
    }

    @Override
    public String toString() {
        return "NodeIdentity[" + peerId() + "]";
    }
}
