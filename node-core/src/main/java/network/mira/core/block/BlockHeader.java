package network.mira.core.block;

import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * What a block commits to. The block hash is SHA-256 of these canonical bytes, so every field here
 * is a consensus matter: the state root after executing the block's transactions, the root of its
 * transactions, the proposer's timestamp (checked by voters, never read from a local clock) and
 * the hash of the validator set that must sign it.
 *
 * @param version           header layout version, currently {@link #VERSION}
 * @param height            0 for genesis, parent height + 1 otherwise
 * @param timestampMs       proposer time in Unix milliseconds, never below the parent's
 * @param transactionCount  number of transactions in the block body
 */
public record BlockHeader(
        int version,
        long height,
        Hash parentHash,
        Hash stateRoot,
        Hash transactionsRoot,
        long timestampMs,
        PublicKey proposer,
        Hash validatorSetHash,
        int transactionCount) {

    public static final int VERSION = 1;

    public BlockHeader {
        if (height < 0) {
            throw new IllegalArgumentException("height must not be negative: " + height);
        }
        if (transactionCount < 0) {
            throw new IllegalArgumentException("transaction count must not be negative");
        }
    }

    public byte[] encode() {
        return new ByteWriter(200)
                .u8(version)
                .u64(height)
                .raw(parentHash.bytes())
                .raw(stateRoot.bytes())
                .raw(transactionsRoot.bytes())
                .u64(timestampMs)
                .raw(proposer.bytes())
                .raw(validatorSetHash.bytes())
                .u32(transactionCount)
                .toByteArray();
    }

    public static BlockHeader decode(ByteReader reader) throws DecodeException {
        int version = reader.u8("header version");
        if (version != VERSION) {
            throw new DecodeException("header version " + version + " is not supported (expected " + VERSION + ")");
        }
        long height = reader.u64("header height");
        if (height < 0) {
            throw new DecodeException("header height out of range");
        }
        Hash parent = Hash.wrap(reader.raw(Hash.LENGTH, "header parent hash"));
        Hash stateRoot = Hash.wrap(reader.raw(Hash.LENGTH, "header state root"));
        Hash transactionsRoot = Hash.wrap(reader.raw(Hash.LENGTH, "header transactions root"));
        long timestamp = reader.u64("header timestamp");
        PublicKey proposer = PublicKey.wrap(reader.raw(PublicKey.LENGTH, "header proposer"));
        Hash validators = Hash.wrap(reader.raw(Hash.LENGTH, "header validator set hash"));
        long count = reader.u32("header transaction count");
        if (count > Block.MAX_TRANSACTIONS) {
            throw new DecodeException("header transaction count " + count + " exceeds " + Block.MAX_TRANSACTIONS);
        }
        return new BlockHeader(version, height, parent, stateRoot, transactionsRoot, timestamp, proposer,
                validators, (int) count);
    }

    public Hash hash() {
        return Hash.sha256(encode());
    }
}
