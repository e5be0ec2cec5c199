package network.mira.svm.parallel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import network.mira.core.crypto.PublicKey;

/**
 * An address as a hash key that hashes fast, carrying the id {@link AccountIndex} gave it.
 * {@link PublicKey#hashCode} walks all 32 bytes one multiply at a time, which dominated
 * registering a block's accounts; this mixes four independent 64-bit words instead. Addresses are
 * chosen by users, so collisions can be forced; the key is {@link Comparable}, which lets
 * {@link java.util.concurrent.ConcurrentHashMap} keep colliding entries in a balanced tree, so a
 * forced collision costs a logarithmic lookup, not a linear one.
 */
final class AccountKey implements Comparable<AccountKey> {
    static final long MIX_A = 0x9E3779B97F4A7C15L;
    static final long MIX_B = 0xC2B2AE3D27D4EB4FL;
    static final long MIX_C = 0x165667B19E3779F9L;
    static final long MIX_D = 0xD6E8FEB86659FD93L;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final PublicKey key;
    private final int hash;
    /** Set once by the thread that assigns this key's shard; read only after that step. */
    int id = AccountIndex.NO_ID;

    AccountKey(PublicKey key, int hash) {
        this.key = key;
        this.hash = hash;
    }

    AccountKey(PublicKey key) {
        this(key, hashOf(key, new byte[PublicKey.LENGTH]));
    }

    /** @param scratch at least 32 bytes the caller does not need back; avoids an allocation per key */
    static int hashOf(PublicKey key, byte[] scratch) {
        key.copyTo(scratch, 0);
        long mixed = word(scratch, 0) * MIX_A + word(scratch, 8) * MIX_B + word(scratch, 16) * MIX_C
                + word(scratch, 24) * MIX_D;
        return (int) (mixed ^ (mixed >>> 32));
    }

    /** Is this the key for {@code address}, whose hash is {@code hash}? */
    boolean isFor(PublicKey address, int hash) {
        return this.hash == hash && (key == address || key.equals(address));
    }

    private static long word(byte[] bytes, int offset) {
        return (long) WORDS.get(bytes, offset);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountKey that && hash == that.hash && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(AccountKey other) {
        return key.compareTo(other.key);
    }
}
