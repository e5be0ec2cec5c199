package network.mira.settlement.staking.block;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * How many blocks of {@code epoch} each member of its set signed, by identity, as the blocks'
 * last commits recorded them: the "votes actually signed" that weigh each validator's reward at the
 * epoch's end. It lives in its own account beside the stake state, so recording a block's signers
 * does not rewrite the whole staking state's reward inputs.
 *
 * <p>Encoding: u8 version (1), u64 epoch, u32 count, then per member in key order its 32-byte
 * identity and u64 count.
 */
public record EpochVotes(long epoch, NavigableMap<PublicKey, Long> signed) {
    /** SHA-256("mira/stake/epoch-votes"), owned by the stake program, created at genesis. */
    public static final PublicKey ADDRESS =
            PublicKey.wrap(Hash.sha256("mira/stake/epoch-votes".getBytes(StandardCharsets.UTF_8)).bytes());
    private static final int VERSION = 1;
    private static final int MAX_MEMBERS = 10_000;

    public EpochVotes {
        signed = Collections.unmodifiableNavigableMap(new TreeMap<>(signed));
    }

    public static EpochVotes empty(long epoch) {
        return new EpochVotes(epoch, new TreeMap<>());
    }

    /** One more signed block for {@code identity}. */
    public EpochVotes plusOne(PublicKey identity) {
        TreeMap<PublicKey, Long> next = new TreeMap<>(signed);
        next.merge(identity, 1L, Long::sum);
        return new EpochVotes(epoch, next);
    }

    public byte[] encode() {
        ByteWriter writer = new ByteWriter(16 + signed.size() * 40).u8(VERSION).u64(epoch).u32(signed.size());
        signed.forEach((identity, count) -> writer.raw(identity.bytes()).u64(count));
        return writer.toByteArray();
    }

    public static EpochVotes decode(byte[] bytes) throws DecodeException {
        ByteReader reader = new ByteReader(bytes);
        int version = reader.u8("epoch votes version");
        if (version != VERSION) {
            throw new DecodeException("epoch votes version " + version + " is not " + VERSION);
        }
        long epoch = reader.u64("epoch");
        long count = reader.u32("member count");
        if (count > MAX_MEMBERS) {
            throw new DecodeException("epoch votes for " + count + " members, more than " + MAX_MEMBERS);
        }
        TreeMap<PublicKey, Long> signed = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            PublicKey identity = PublicKey.wrap(reader.raw(PublicKey.LENGTH, "identity"));
            long blocks = reader.u64("signed blocks");
            if (signed.put(identity, blocks) != null) {
                throw new DecodeException("epoch votes repeat " + identity);
            }
        }
        reader.expectEnd("epoch votes");
        return new EpochVotes(epoch, signed);
    }
}
