package network.mira.core.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 key pair: a 32-byte seed and the public key derived from it. The seed is the secret;
 * nothing here prints it, and callers only get it back through {@link #toSolanaSecretKey()}, the
 * layout that Solana tools and wallets exchange.
 */
public final class KeyPair {
    public static final int SEED_LENGTH = 32;
    /** Solana's "secret key": the seed followed by the public key. */
    public static final int SOLANA_SECRET_KEY_LENGTH = SEED_LENGTH + PublicKey.LENGTH;

    private final Ed25519PrivateKeyParameters privateKey;
    private final PublicKey publicKey;

    private KeyPair(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = PublicKey.wrap(privateKey.generatePublicKey().getEncoded());
    }

    public static KeyPair generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] seed = new byte[SEED_LENGTH];
        random.nextBytes(seed);
        try {
            return fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** @throws IllegalArgumentException unless the seed is exactly 32 bytes */
    public static KeyPair fromSeed(byte[] seed) {
        if (seed == null || seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("Ed25519 seed must be " + SEED_LENGTH + " bytes, got "
                    + (seed == null ? "null" : seed.length));
        }
        return new KeyPair(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /**
     * Reads Solana's 64-byte layout (seed then public key). The public half is redundant, so a
     * mismatch means a corrupted or hand-edited key; signing with it would produce signatures for
     * an address other than the one the file claims, so it is refused.
     *
     * @throws IllegalArgumentException for a wrong length or a public half that the seed does not produce
     */
    public static KeyPair fromSolanaSecretKey(byte[] secretKey) {
        if (secretKey == null || secretKey.length != SOLANA_SECRET_KEY_LENGTH) {
            throw new IllegalArgumentException("Solana secret key must be " + SOLANA_SECRET_KEY_LENGTH
                    + " bytes (32-byte seed then 32-byte public key), got "
                    + (secretKey == null ? "null" : secretKey.length));
        }
        byte[] seed = Arrays.copyOfRange(secretKey, 0, SEED_LENGTH);
        KeyPair keyPair;
        try {
            keyPair = fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
        PublicKey stated = PublicKey.wrap(Arrays.copyOfRange(secretKey, SEED_LENGTH, SOLANA_SECRET_KEY_LENGTH));
        if (!stated.equals(keyPair.publicKey)) {
            throw new IllegalArgumentException("Solana secret key is inconsistent: its public half is " + stated
                    + " but its seed derives public key " + keyPair.publicKey);
        }
        return keyPair;
    }

    /** A fresh copy of the 64-byte Solana layout; callers should overwrite it when done. */
    public byte[] toSolanaSecretKey() {
        byte[] out = new byte[SOLANA_SECRET_KEY_LENGTH];
        privateKey.encode(out, 0);
        publicKey.copyTo(out, SEED_LENGTH);
        return out;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Pure Ed25519 (RFC 8032) over the message bytes, as Solana signs a transaction message. */
    public Signature sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return Signature.wrap(signer.generateSignature());
    }

    /** Only the public key: this string ends up in logs and exception messages. */
    @Override
    public String toString() {
        return "KeyPair[publicKey=" + publicKey + "]";
    }
}
