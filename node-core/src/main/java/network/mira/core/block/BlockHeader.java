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
 * <p>Two layouts exist. Version 1 (genesis blocks, and every block written before evidence
 * existed) has no evidence fields and is encoded exactly as it always was, so its hash never
 * changes. Version 2 appends the evidence root and count; a version-1 header carries no evidence.
 * Version 3 (every block built now) appends the hash of the validator set of the next height and
 * the hash of the parent's commit certificate carried in the body ({@link Block#lastCommit()}), so
 * who signed the parent, which downtime slashing reads, is the same on every node. In versions 1
 * and 2 the next set is the current one and there is no last commit.
 *
 * @param version           header layout version: {@link #VERSION_1} or {@link #VERSION}
 * @param height            0 for genesis, parent height + 1 otherwise
 * @param timestampMs       proposer time in Unix milliseconds, never below the parent's
 * @param transactionCount  number of transactions in the block body
 * @param evidenceRoot      Merkle root of the encoded evidence items ({@link Hash#ZERO} if none)
 * @param evidenceCount     number of evidence items in the block body
 * @param nextValidatorSetHash the set that signs height + 1: the current one except at an epoch's last block
 * @param lastCommitHash    SHA-256 of the encoded parent certificate in the body ({@link Hash#ZERO} if none)
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
        int transactionCount,
        Hash evidenceRoot,
        int evidenceCount,
        Hash nextValidatorSetHash,
        Hash lastCommitHash) {

    /** The original layout, without evidence; genesis blocks keep it. */
    public static final int VERSION_1 = 1;
    /** Version 1 followed by the evidence root and count. */
    public static final int VERSION_2 = 2;
    /** The layout of new blocks: version 2 followed by the next validator set hash and the last commit hash. */
    public static final int VERSION = 3;

    public BlockHeader {
        if (version != VERSION_1 && version != VERSION_2 && version != VERSION) {
            throw new IllegalArgumentException("header version " + version + " is not supported");
        }
        if (height < 0) {
            throw new IllegalArgumentException("height must not be negative: " + height);
        }
        if (transactionCount < 0) {
            throw new IllegalArgumentException("transaction count must not be negative");
        }
        if (evidenceCount < 0 || evidenceCount > Block.MAX_EVIDENCE) {
            throw new IllegalArgumentException("evidence count " + evidenceCount + " is outside 0.." + Block.MAX_EVIDENCE);
        }
        if (version == VERSION_1 && (evidenceCount != 0 || !evidenceRoot.equals(Hash.ZERO))) {
            throw new IllegalArgumentException("a version-1 header cannot carry evidence");
        }
        if (version < VERSION && (!nextValidatorSetHash.equals(validatorSetHash) || !lastCommitHash.equals(Hash.ZERO))) {
            throw new IllegalArgumentException("a version-" + version + " header has no next set or last commit");
        }
    }

    /** A header whose next set is its own and which carries no last commit, in any layout. */
    public BlockHeader(int version, long height, Hash parentHash, Hash stateRoot, Hash transactionsRoot,
                       long timestampMs, PublicKey proposer, Hash validatorSetHash, int transactionCount,
                       Hash evidenceRoot, int evidenceCount) {
        this(version, height, parentHash, stateRoot, transactionsRoot, timestampMs, proposer, validatorSetHash,
                transactionCount, evidenceRoot, evidenceCount, validatorSetHash, Hash.ZERO);
    }

    /** A header without evidence (evidence root zero, count 0), in either layout. */
    public BlockHeader(int version, long height, Hash parentHash, Hash stateRoot, Hash transactionsRoot,
                       long timestampMs, PublicKey proposer, Hash validatorSetHash, int transactionCount) {
        this(version, height, parentHash, stateRoot, transactionsRoot, timestampMs, proposer, validatorSetHash,
                transactionCount, Hash.ZERO, 0);
    }

    public byte[] encode() {
        ByteWriter writer = new ByteWriter(240)
                .u8(version)
                .u64(height)
                .raw(parentHash.bytes())
                .raw(stateRoot.bytes())
                .raw(transactionsRoot.bytes())
                .u64(timestampMs)
                .raw(proposer.bytes())
                .raw(validatorSetHash.bytes())
                .u32(transactionCount);
        if (version >= VERSION_2) {
            writer.raw(evidenceRoot.bytes()).u32(evidenceCount);
        }
        if (version >= VERSION) {
            writer.raw(nextValidatorSetHash.bytes()).raw(lastCommitHash.bytes());
        }
        return writer.toByteArray();
    }

    public static BlockHeader decode(ByteReader reader) throws DecodeException {
        int version = reader.u8("header version");
        if (version != VERSION_1 && version != VERSION_2 && version != VERSION) {
            throw new DecodeException("header version " + version + " is not supported (expected "
                    + VERSION_1 + ", " + VERSION_2 + " or " + VERSION + ")");
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
        if (version == VERSION_1) {
            return new BlockHeader(version, height, parent, stateRoot, transactionsRoot, timestamp, proposer,
                    validators, (int) count);
        }
        Hash evidenceRoot = Hash.wrap(reader.raw(Hash.LENGTH, "header evidence root"));
        long evidenceCount = reader.u32("header evidence count");
        if (evidenceCount > Block.MAX_EVIDENCE) {
            throw new DecodeException("header evidence count " + evidenceCount + " exceeds " + Block.MAX_EVIDENCE);
        }
        if (evidenceCount == 0 && !evidenceRoot.equals(Hash.ZERO)) {
            throw new DecodeException("header evidence root must be zero when the evidence count is 0");
        }
        if (version == VERSION_2) {
            return new BlockHeader(version, height, parent, stateRoot, transactionsRoot, timestamp, proposer,
                    validators, (int) count, evidenceRoot, (int) evidenceCount);
        }
        Hash nextValidators = Hash.wrap(reader.raw(Hash.LENGTH, "header next validator set hash"));
        Hash lastCommit = Hash.wrap(reader.raw(Hash.LENGTH, "header last commit hash"));
        return new BlockHeader(version, height, parent, stateRoot, transactionsRoot, timestamp, proposer,
                validators, (int) count, evidenceRoot, (int) evidenceCount, nextValidators, lastCommit);
    }

    /** The same header with the set of the next height and the parent certificate's hash (version 3 only). */
    public BlockHeader withNextSetAndLastCommit(Hash nextValidatorSetHash, Hash lastCommitHash) {
        return new BlockHeader(version, height, parentHash, stateRoot, transactionsRoot, timestampMs, proposer,
                validatorSetHash, transactionCount, evidenceRoot, evidenceCount, nextValidatorSetHash, lastCommitHash);
    }

    public Hash hash() {
        return Hash.sha256(encode());
    }
}
