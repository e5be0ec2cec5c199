package network.mira.verification.attestation;

import java.util.ArrayList;
import java.util.List;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.verification.verifier.Verdict;

/** Deterministic keys, salts and request ids for attestation and certificate tests. */
public final class AttestationFixtures {
    public static final String CHAIN = "mira-devnet";
    public static final Hash REQUEST = Hash.sha256("request-1".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private AttestationFixtures() {}

    public static KeyPair key(int n) {
        byte[] seed = new byte[32];
        seed[0] = (byte) n;
        seed[31] = (byte) 0x5A;
        return KeyPair.fromSeed(seed);
    }

    public static List<KeyPair> keys(int count) {
        List<KeyPair> keys = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            keys.add(key(i));
        }
        return keys;
    }

    public static byte[] salt(int n) {
        byte[] salt = new byte[32];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (n * 31 + i);
        }
        return salt;
    }

    public static Attestation attest(KeyPair key, int claimIndex, Verdict verdict, int saltSeed) {
        return Attestation.sign(CHAIN, REQUEST, claimIndex, verdict, salt(saltSeed), key);
    }
}
