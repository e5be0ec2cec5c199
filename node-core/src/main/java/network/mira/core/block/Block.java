package network.mira.core.block;

import java.util.ArrayList;
import java.util.List;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;

/**
 * A header and the ordered, serialized transactions it commits to. Transactions stay in wire
 * format so that what was signed is exactly what is stored and re-executed.
 */
public final class Block {
    /** Hard bound on transactions per block, whatever the configuration says. */
    public static final int MAX_TRANSACTIONS = 100_000;
    /** A transaction on the wire is never larger than this (Solana's packet limit). */
    public static final int MAX_TRANSACTION_BYTES = 1232;

    private final BlockHeader header;
    private final List<byte[]> transactions;

    public Block(BlockHeader header, List<byte[]> transactions) {
        if (header.transactionCount() != transactions.size()) {
            throw new IllegalArgumentException("header says " + header.transactionCount()
                    + " transactions, body has " + transactions.size());
        }
        this.header = header;
        List<byte[]> copy = new ArrayList<>(transactions.size());
        for (byte[] transaction : transactions) {
            copy.add(transaction.clone());
        }
        this.transactions = List.copyOf(copy);
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
        List<byte[]> copy = new ArrayList<>(transactions.size());
        for (byte[] transaction : transactions) {
            copy.add(transaction.clone());
        }
        return copy;
    }

    public static Hash transactionsRoot(List<byte[]> transactions) {
        return MerkleRoot.of(transactions);
    }

    /** True when the header's transactions root matches the body. */
    public boolean bodyMatchesHeader() {
        return transactionsRoot(transactions).equals(header.transactionsRoot());
    }

    public byte[] encode() {
        ByteWriter writer = new ByteWriter(256 + transactions.size() * 300).raw(header.encode());
        for (byte[] transaction : transactions) {
            writer.bytes(transaction);
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
        reader.expectEnd("block");
        Block block = new Block(header, transactions);
        if (!block.bodyMatchesHeader()) {
            throw new DecodeException("block " + header.height() + ": transactions do not match the header's root");
        }
        return block;
    }
}
