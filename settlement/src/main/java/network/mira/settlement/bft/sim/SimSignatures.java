package network.mira.settlement.bft.sim;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;

/**
 * Signatures for a simulation: real Ed25519 (with verification results cached, since every node
 * checks every message), or a fast stand-in (two SHA-256 digests of key and message) for bulk runs
 * in which nobody forges. Both go through the same interfaces as production.
 */
public final class SimSignatures implements CertificateVerifier.SignatureCheck {
    private static final int CACHE_MAX = 200_000;

    private final boolean realEd25519;
    private final Map<String, Boolean> cache = new HashMap<>();

    public SimSignatures(boolean realEd25519) {
        this.realEd25519 = realEd25519;
    }

    public Signature sign(KeyPair key, byte[] message) {
        return realEd25519 ? key.sign(message) : fake(key.publicKey(), message);
    }

    @Override
    public boolean verify(PublicKey key, byte[] message, Signature signature) {
        if (!realEd25519) {
            return fake(key, message).equals(signature);
        }
        String id = key + "/" + Hash.sha256(message) + "/" + signature;
        if (cache.size() > CACHE_MAX) {
            cache.clear();
        }
        return cache.computeIfAbsent(id, k -> Ed25519.verify(key, message, signature));
    }

    private static Signature fake(PublicKey key, byte[] message) {
        byte[] first = Hash.sha256(key.bytes(), message).bytes();
        byte[] second = Hash.sha256(message, key.bytes()).bytes();
        byte[] both = Arrays.copyOf(first, Signature.LENGTH);
        System.arraycopy(second, 0, both, Hash.LENGTH, Hash.LENGTH);
        return Signature.wrap(both);
    }
}
