package network.mira.core.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;

/** A SHA-256 digest: block hashes, blockhashes, state and transaction roots. */
public final class Hash extends FixedBytes<Hash> {
    public static final int LENGTH = 32;
    public static final Hash ZERO = new Hash(new byte[LENGTH]);

    private Hash(byte[] bytes) {
        super(bytes, LENGTH, "hash");
    }

    public static Hash wrap(byte[] bytes) {
        return new Hash(bytes);
    }

    /** @throws IllegalArgumentException if the text is not base58 of exactly 32 bytes */
    public static Hash fromBase58(String text) {
        return new Hash(Base58.decode(text));
    }

    /** SHA-256 over the concatenation of {@code parts}. */
    public static Hash sha256(byte[]... parts) {
        SHA256Digest digest = new SHA256Digest();
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[LENGTH];
        digest.doFinal(out, 0);
        return new Hash(out);
    }
}
