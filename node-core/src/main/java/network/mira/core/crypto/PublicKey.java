package network.mira.core.crypto;

/** An Ed25519 public key, which is also an account address (base58 text, as Solana prints it). */
public final class PublicKey extends FixedBytes<PublicKey> {
    public static final int LENGTH = 32;

    private PublicKey(byte[] bytes) {
        super(bytes, LENGTH, "public key");
    }

    public static PublicKey wrap(byte[] bytes) {
        return new PublicKey(bytes);
    }

    /** @throws IllegalArgumentException naming what is wrong with the text */
    public static PublicKey fromBase58(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("public key must not be empty");
        }
        byte[] decoded = Base58.decode(text);
        if (decoded.length != LENGTH) {
            throw new IllegalArgumentException(
                    "public key must decode to " + LENGTH + " bytes, '" + text + "' decodes to " + decoded.length);
        }
        return new PublicKey(decoded);
    }
}
