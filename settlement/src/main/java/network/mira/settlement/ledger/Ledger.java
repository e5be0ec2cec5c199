package network.mira.settlement.ledger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import network.mira.core.account.Account;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.DecodeException;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.core.store.Column;
import network.mira.core.store.KeyValueStore;
import network.mira.core.store.Durability;
import network.mira.core.store.WriteSet;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.svm.AccountReader;

/**
 * The finalized chain on disk. Every finalized block goes down in one synced RocksDB write holding
 * the block, its certificate, the accounts and state-tree nodes it changed, transaction statuses
 * and indexes, the evidence it includes, and the new head; a crash leaves either all of it or none
 * of it.
 */
public final class Ledger implements AccountReader {
    /** Most evidence entries one {@link #evidenceInRange} call returns. */
    public static final int EVIDENCE_RANGE_LIMIT_MAX = 1_000;

    private final KeyValueStore store;
    private final StateCommitment state;
    private final ValidatorSetHistory validatorSets;

    public Ledger(KeyValueStore store) {
        this.store = store;
        this.state = new StateCommitment(store);
        this.validatorSets = new ValidatorSetHistory(store);
    }

    /**
     * The validator set that decides (signs the certificate of) {@code height}, for any height up to
     * the one after the head; empty only before genesis is written.
     */
    public Optional<ValidatorSet> validatorSetAt(long height) {
        return validatorSets.at(height);
    }

    public StateCommitment state() {
        return state;
    }

    public boolean isInitialized() {
        return store.get(Column.META, LedgerKeys.GENESIS_HASH).isPresent();
    }

    public Optional<Hash> genesisHash() {
        return store.get(Column.META, LedgerKeys.GENESIS_HASH).map(Hash::wrap);
    }

    public Optional<String> chainId() {
        return store.get(Column.META, LedgerKeys.CHAIN_ID).map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Height of the last finalized block; genesis is height 0. */
    public long finalizedHeight() {
        return store.get(Column.META, LedgerKeys.FINALIZED_HEIGHT).map(LedgerKeys::height)
                .orElseThrow(() -> new LedgerException("ledger has no finalized height: not initialized"));
    }

    public Block head() {
        long height = finalizedHeight();
        return block(height).orElseThrow(() -> new LedgerException(
                "data dir is corrupt: head block " + height + " is missing"));
    }

    /**
     * The head's header only: the hot paths (building, committing, status, latest blockhash) need
     * no transactions, so the body is neither copied nor re-hashed. {@link #head()} checks it all.
     */
    public BlockHeader headHeader() {
        long height = finalizedHeight();
        byte[] bytes = store.get(Column.BLOCKS, LedgerKeys.height(height)).orElseThrow(() -> new LedgerException(
                "data dir is corrupt: head block " + height + " is missing"));
        try {
            return BlockHeader.decode(new ByteReader(bytes));
        } catch (DecodeException e) {
            throw new LedgerException("data dir is corrupt: block " + height + ": " + e.getMessage(), e);
        }
    }

    public Optional<Block> block(long height) {
        return store.get(Column.BLOCKS, LedgerKeys.height(height)).map(bytes -> decodeBlock(height, bytes));
    }

    public Optional<Long> heightOf(Hash blockHash) {
        return store.get(Column.BLOCK_HASHES, blockHash.bytes()).map(LedgerKeys::height);
    }

    public Optional<CommitCertificate> certificate(long height) {
        return store.get(Column.CERTIFICATES, LedgerKeys.height(height)).map(bytes -> {
            try {
                return CommitCertificate.decode(bytes);
            } catch (DecodeException e) {
                throw new LedgerException("data dir is corrupt: certificate " + height + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Optional<Account> get(PublicKey address) {
        return store.get(Column.ACCOUNTS, address.bytes()).map(bytes -> {
            try {
                return Account.decode(bytes);
            } catch (DecodeException e) {
                throw new LedgerException("data dir is corrupt: account " + address + ": " + e.getMessage(), e);
            }
        });
    }

    public Optional<TransactionStatus> transaction(Signature signature) {
        return store.get(Column.TX_STATUS, signature.bytes()).map(bytes -> {
            try {
                return TransactionStatus.decode(bytes);
            } catch (DecodeException e) {
                throw new LedgerException("data dir is corrupt: status " + signature + ": " + e.getMessage(), e);
            }
        });
    }

    /** Evidence included in a finalized block, by its hash. */
    public Optional<IncludedEvidence> evidence(Hash evidenceHash) {
        return store.get(Column.EVIDENCE_HASHES, evidenceHash.bytes()).map(key -> {
            byte[] bytes = store.get(Column.EVIDENCE, key).orElseThrow(() -> new LedgerException(
                    "data dir is corrupt: evidence " + evidenceHash + " is indexed but missing"));
            return includedEvidence(key, bytes);
        });
    }

    /**
     * Evidence included in finalized blocks {@code fromHeight..toHeight} (both inclusive), in block
     * order, at most {@code limit} entries.
     */
    public List<IncludedEvidence> evidenceInRange(long fromHeight, long toHeight, int limit) {
        return evidenceInRange(fromHeight, 0, toHeight, limit);
    }

    /** As {@link #evidenceInRange(long, long, int)}, starting at position {@code fromIndex} of block {@code fromHeight}. */
    public List<IncludedEvidence> evidenceInRange(long fromHeight, int fromIndex, long toHeight, int limit) {
        if (fromHeight < 0 || toHeight < fromHeight || fromIndex < 0) {
            throw new IllegalArgumentException("bad range " + fromHeight + "/" + fromIndex + ".." + toHeight);
        }
        if (limit < 1 || limit > EVIDENCE_RANGE_LIMIT_MAX) {
            throw new IllegalArgumentException("limit " + limit + " is outside 1.." + EVIDENCE_RANGE_LIMIT_MAX);
        }
        byte[] to = toHeight == Long.MAX_VALUE ? null : LedgerKeys.evidence(toHeight + 1, 0);
        List<IncludedEvidence> found = new ArrayList<>();
        store.scan(Column.EVIDENCE, LedgerKeys.evidence(fromHeight, fromIndex), to, limit, (key, value) -> {
            found.add(includedEvidence(key, value));
            return true;
        });
        return found;
    }

    /** Rewards paid at the end of {@code epoch}, one entry per validator that earned any, in identity order. */
    public List<EpochReward> rewards(long epoch) {
        return EpochRewards.read(store, epoch);
    }

    /** Writes the genesis block, its state and the set that decides from height 0; only valid on an empty store. */
    public void initialize(Hash genesisHash, String chainId, Block genesisBlock, PreparedState genesisState,
                           ValidatorSet genesisSet) {
        if (!genesisSet.hash().equals(genesisBlock.header().validatorSetHash())) {
            throw new IllegalArgumentException("genesis block names validator set " + genesisBlock.header()
                    .validatorSetHash() + ", not " + genesisSet.hash());
        }
        if (isInitialized()) {
            throw new LedgerException("ledger is already initialized");
        }
        if (genesisBlock.height() != 0 || !genesisBlock.header().stateRoot().equals(genesisState.stateRoot())) {
            throw new IllegalArgumentException("genesis block must be height 0 with the genesis state root");
        }
        WriteSet writes = genesisState.treeWrites();
        writes.put(Column.META, LedgerKeys.GENESIS_HASH, genesisHash.bytes());
        writes.put(Column.META, LedgerKeys.CHAIN_ID, chainId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        writeAccounts(writes, genesisState);
        writeBlock(writes, genesisBlock, new CommitCertificate(0, 0, genesisBlock.hash(),
                genesisBlock.header().stateRoot(), List.of()));
        ValidatorSetHistory.write(writes, 0, genesisSet);
        store.write(writes, Durability.SYNC);
        validatorSets.remember(0, genesisSet);
    }

    /**
     * Makes a block final on disk. The prepared state must be the one computed for exactly this
     * block on top of the current head; anything else is a programming error and stops the node.
     */
    public void commit(FinalizedBlock finalized, PreparedState prepared) {
        Block block = finalized.block();
        long expectedHeight = finalizedHeight() + 1;
        if (block.height() != expectedHeight) {
            throw new IllegalStateException("commit of block " + block.height() + " but next height is " + expectedHeight);
        }
        if (!block.header().parentHash().equals(headHeader().hash())) {
            throw new IllegalStateException("block " + block.height() + " does not extend the finalized head");
        }
        if (!block.header().stateRoot().equals(prepared.stateRoot())) {
            throw new IllegalStateException("block " + block.height() + " state root differs from the prepared state");
        }
        WriteSet writes = prepared.treeWrites();
        writeAccounts(writes, prepared);
        writeStatuses(writes, finalized);
        writeEvidence(writes, block);
        writeBlock(writes, block, finalized.certificate());
        finalized.nextValidatorSet().ifPresent(set -> ValidatorSetHistory.write(writes, block.height() + 1, set));
        EpochRewards.write(writes, finalized.stakingEvents());
        // Known before the new head is visible: a reader that sees height h finalized must find the
        // set of h + 1. Should the write fail, the node stops (the commit throws) with it in memory only.
        finalized.nextValidatorSet().ifPresent(set -> validatorSets.remember(block.height() + 1, set));
        store.write(writes, Durability.SYNC);
    }

    /**
     * Each item under (height, index), and its hash in the index. Consensus verification refuses
     * blocks that repeat evidence, so a repeat here is never expected; should one be finalized all
     * the same, the index keeps pointing at the first inclusion.
     */
    private void writeEvidence(WriteSet writes, Block block) {
        List<byte[]> evidence = block.evidence();
        Set<Hash> written = new HashSet<>();
        for (int i = 0; i < evidence.size(); i++) {
            byte[] key = LedgerKeys.evidence(block.height(), i);
            writes.put(Column.EVIDENCE, key, evidence.get(i));
            Hash hash = Hash.sha256(evidence.get(i));
            if (written.add(hash) && store.get(Column.EVIDENCE_HASHES, hash.bytes()).isEmpty()) {
                writes.put(Column.EVIDENCE_HASHES, hash.bytes(), key);
            }
        }
    }

    private static void writeAccounts(WriteSet writes, PreparedState prepared) {
        prepared.changedAccounts().forEach((address, account) -> {
            if (account.isEmpty()) {
                writes.delete(Column.ACCOUNTS, address.bytes());
            } else {
                writes.put(Column.ACCOUNTS, address.bytes(), account.encode());
            }
        });
    }

    private static void writeStatuses(WriteSet writes, FinalizedBlock finalized) {
        for (int i = 0; i < finalized.statuses().size(); i++) {
            TransactionStatus status = finalized.statuses().get(i);
            writes.put(Column.TX_STATUS, status.signature().bytes(), status.encode());
            Set<PublicKey> touched = new TreeSet<>(finalized.accountKeysPerTransaction().get(i));
            for (PublicKey address : touched) {
                writes.put(Column.SIGNATURES, LedgerKeys.addressSignature(address, status.height(), status.index()),
                        status.signature().bytes());
            }
        }
    }

    private static void writeBlock(WriteSet writes, Block block, CommitCertificate certificate) {
        byte[] height = LedgerKeys.height(block.height());
        writes.put(Column.BLOCKS, height, block.encode());
        writes.put(Column.BLOCK_HASHES, block.hash().bytes(), height);
        writes.put(Column.CERTIFICATES, height, certificate.encode());
        writes.put(Column.META, LedgerKeys.FINALIZED_HEIGHT, height);
    }

    private static IncludedEvidence includedEvidence(byte[] key, byte[] bytes) {
        long height = LedgerKeys.evidenceHeight(key);
        int index = LedgerKeys.evidenceIndex(key);
        try {
            return new IncludedEvidence(Hash.sha256(bytes), height, index, DuplicateVoteEvidence.decode(bytes));
        } catch (DecodeException e) {
            throw new LedgerException("data dir is corrupt: evidence " + index + " of block " + height + ": "
                    + e.getMessage(), e);
        }
    }

    private static Block decodeBlock(long height, byte[] bytes) {
        try {
            return Block.decode(bytes);
        } catch (DecodeException e) {
            throw new LedgerException("data dir is corrupt: block " + height + ": " + e.getMessage(), e);
        }
    }
}
