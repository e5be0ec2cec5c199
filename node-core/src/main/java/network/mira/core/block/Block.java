package network.mira.core.block;

import java.util.ArrayList;
import java.util.List;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;

/**
 * A header and the ordered, serialized transactions and evidence items it commits to.
 * Transactions stay in wire format so that what was signed is exactly what is stored and
 * re-executed. Evidence items (proof of a validator's misbehaviour, such as two conflicting
 * votes) are opaque here: settlement encodes and verifies them; this class only bounds them and
 * checks them against the header's evidence root. A version-1 block has no evidence and encodes
 * exactly as blocks did before evidence existed.
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

    private final BlockHeader header;
    private final List<byte[]> transactions;
    private final List<byte[]> evidence;

    /** A block without evidence. */
    public Block(BlockHeader header, List<byte[]> transactions) {
        this(header, transactions, List.of());
    }

    public Block(BlockHeader header, List<byte[]> transactions, List<byte[]> evidence) {
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

    /** Header, then each transaction, then each evidence item (u32 length + bytes each). */
    public byte[] encode() {
        ByteWriter writer = new ByteWriter(256 + transactions.size() * 300 + evidence.size() * 400)
                .raw(header.encode());
        for (byte[] transaction : transactions) {
            writer.bytes(transaction);
        }
        for (byte[] item : evidence) {
            writer.bytes(item);
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
        reader.expectEnd("block");
        Block block = new Block(header, transactions, evidence);
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
