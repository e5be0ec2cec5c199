package network.mira.core.block;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.crypto.Hash;

/**
 * A header and the ordered, serialized transactions and evidence items it commits to.
 * Transactions stay in wire format so that what was signed is exactly what is stored and
 * re-executed. Evidence items (proof of a validator's misbehaviour, such as two conflicting
 * votes) are opaque here: settlement encodes and verifies them; this class only bounds them and
 * checks them against the header's evidence root. A version-1 block has no evidence and encodes
 * exactly as blocks did before evidence existed. A version-3 block also carries its parent's commit
 * certificate (the last commit, as CometBFT's blocks do), chosen by the proposer among the quorums
 * it saw; the header commits to its hash, so every node records the same signers for the parent.
 */
public final class Block {
    /** Hard bound on transactions per block, whatever the configuration says. */
    public static final int MAX_TRANSACTIONS = 100_000;
    /** A transaction on the wire is never larger than this (Solana's packet limit). */
    public static final int MAX_TRANSACTION_BYTES = 1232;
    /** Hard bound on evidence items per block; evidence is rare, and each item costs verification. */
    public static final int MAX_EVIDENCE = 100;
    /** An encoded evidence item is never larger than this (a duplicate-vote pair is 347 bytes). */
    public static final int MAX_EVIDENCE_BYTES = 1024;
    /** The largest encoded certificate: {@link CommitCertificate#MAX_SIGNATURES} signatures. */
    public static final int MAX_LAST_COMMIT_BYTES = 80 + CommitCertificate.MAX_SIGNATURES * 96;

    private final BlockHeader header;
    private final List<byte[]> transactions;
    private final List<byte[]> evidence;
    private final Optional<CommitCertificate> lastCommit;

    /** A block without evidence. */
    public Block(BlockHeader header, List<byte[]> transactions) {
        this(header, transactions, List.of());
    }

    /** A block without a last commit (genesis, height 1, and every block before version 3). */
    public Block(BlockHeader header, List<byte[]> transactions, List<byte[]> evidence) {
        this(header, transactions, evidence, Optional.empty());
    }

    public Block(BlockHeader header, List<byte[]> transactions, List<byte[]> evidence,
                 Optional<CommitCertificate> lastCommit) {
        if (header.transactionCount() != transactions.size()) {
            throw new IllegalArgumentException("header says " + header.transactionCount()
                    + " transactions, body has " + transactions.size());
        }
        if (header.evidenceCount() != evidence.size()) {
            throw new IllegalArgumentException("header says " + header.evidenceCount()
                    + " evidence items, body has " + evidence.size());
        }
        for (byte[] item : evidence) {
            if (item.length > MAX_EVIDENCE_BYTES) {
                throw new IllegalArgumentException("evidence item of " + item.length + " bytes exceeds "
                        + MAX_EVIDENCE_BYTES);
            }
        }
        Hash lastCommitHash = lastCommitHash(lastCommit);
        if (!header.lastCommitHash().equals(lastCommitHash)) {
            throw new IllegalArgumentException("header's last commit hash " + header.lastCommitHash()
                    + " does not match the body's " + lastCommitHash);
        }
        this.lastCommit = lastCommit;
        this.header = header;
        this.transactions = List.copyOf(copyOf(transactions));
        this.evidence = List.copyOf(copyOf(evidence));
    }

    public BlockHeader header() {
        return header;
    }

    public long height() {
        return header.height();
    }

    public Hash hash() {
        return header.hash();
    }

    /** The serialized transactions in block order (copies). */
    public List<byte[]> transactions() {
        return copyOf(transactions);
    }

    /** The encoded evidence items in block order (copies). */
    public List<byte[]> evidence() {
        return copyOf(evidence);
    }

    /** The parent's commit certificate this block carries, if any. */
    public Optional<CommitCertificate> lastCommit() {
        return lastCommit;
    }

    /** What a version-3 header commits to: SHA-256 of the encoded certificate, {@link Hash#ZERO} for none. */
    public static Hash lastCommitHash(Optional<CommitCertificate> lastCommit) {
        return lastCommit.map(certificate -> Hash.sha256(certificate.encode())).orElse(Hash.ZERO);
    }

    public static Hash transactionsRoot(List<byte[]> transactions) {
        return MerkleRoot.of(transactions);
    }

    /** Same tree as the transactions root, over the encoded evidence items. */
    public static Hash evidenceRoot(List<byte[]> evidence) {
        return MerkleRoot.of(evidence);
    }

    /** True when the header's transactions root and evidence root match the body. */
    public boolean bodyMatchesHeader() {
        return transactionsRoot(transactions).equals(header.transactionsRoot())
                && evidenceRoot(evidence).equals(header.evidenceRoot());
    }

    /**
     * Header, then each transaction, then each evidence item (u32 length + bytes each), then in
     * version 3 the last commit (u32 length + bytes; length 0 when there is none).
     */
    public byte[] encode() {
        ByteWriter writer = new ByteWriter(256 + transactions.size() * 300 + evidence.size() * 400)
                .raw(header.encode());
        for (byte[] transaction : transactions) {
            writer.bytes(transaction);
        }
        for (byte[] item : evidence) {
            writer.bytes(item);
        }
        if (header.version() >= BlockHeader.VERSION) {
            writer.bytes(lastCommit.map(CommitCertificate::encode).orElse(new byte[0]));
        }
        return writer.toByteArray();
    }

    public static Block decode(byte[] bytes) throws DecodeException {
        ByteReader reader = new ByteReader(bytes);
        BlockHeader header = BlockHeader.decode(reader);
        List<byte[]> transactions = new ArrayList<>(Math.min(header.transactionCount(), 1024));
        for (int i = 0; i < header.transactionCount(); i++) {
            transactions.add(reader.bytes(MAX_TRANSACTION_BYTES, "transaction " + i));
        }
        List<byte[]> evidence = new ArrayList<>(header.evidenceCount());
        for (int i = 0; i < header.evidenceCount(); i++) {
            evidence.add(reader.bytes(MAX_EVIDENCE_BYTES, "evidence " + i));
        }
        Optional<CommitCertificate> lastCommit = Optional.empty();
        if (header.version() >= BlockHeader.VERSION) {
            byte[] encoded = reader.bytes(MAX_LAST_COMMIT_BYTES, "last commit");
            if (encoded.length > 0) {
                lastCommit = Optional.of(CommitCertificate.decode(encoded));
            }
        }
        reader.expectEnd("block");
        if (!lastCommitHash(lastCommit).equals(header.lastCommitHash())) {
            throw new DecodeException("block " + header.height() + ": last commit does not match the header's hash");
        }
        Block block = new Block(header, transactions, evidence, lastCommit);
        if (!transactionsRoot(transactions).equals(header.transactionsRoot())) {
            throw new DecodeException("block " + header.height() + ": transactions do not match the header's root");
        }
        if (!evidenceRoot(evidence).equals(header.evidenceRoot())) {
            throw new DecodeException("block " + header.height() + ": evidence does not match the header's evidence root");
        }
        return block;
    }

    private static List<byte[]> copyOf(List<byte[]> items) {
        List<byte[]> copy = new ArrayList<>(items.size());
        for (byte[] item : items) {
            copy.add(item.clone());
        }
        return copy;
    }
}
