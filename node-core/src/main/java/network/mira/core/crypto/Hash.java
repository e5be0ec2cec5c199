package network.mira.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A SHA-256 digest: block hashes, blockhashes, state and transaction roots. */
public final class Hash extends FixedBytes<Hash> {
    public static final int LENGTH = 32;
    public static final Hash ZERO = new Hash(new byte[LENGTH]);
    /**
     * The JDK's SHA-256 rather than Bouncy Castle's: HotSpot compiles it to the CPU's SHA
     * extensions where present, and block, transaction-root and state-tree hashing sit on the
     * consensus thread's critical path. Same function, same bytes; one digest per thread because
     * MessageDigest is stateful.
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Hash::newSha256);

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
        MessageDigest digest = SHA256.get();
        digest.reset();
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        return new Hash(digest.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
