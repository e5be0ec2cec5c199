package network.mira.core.crypto;

/** An Ed25519 signature; the first signature of a transaction is its id. */
public final class Signature extends FixedBytes<Signature> {
    public static final int LENGTH = 64;

    private Signature(byte[] bytes) {
        super(bytes, LENGTH, "signature");
    }

    public static Signature wrap(byte[] bytes) {
        return new Signature(bytes);
    }

    /** @throws IllegalArgumentException if the text is not base58 of exactly 64 bytes */
    public static Signature fromBase58(String text) {
        byte[] decoded = Base58.decode(text);
        if (decoded.length != LENGTH) {
            throw new IllegalArgumentException(
                    "signature must decode to " + LENGTH + " bytes, got " + decoded.length);
        }
        return new Signature(decoded);
    }
}
