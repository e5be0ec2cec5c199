package network.mira.settlement.mempool;

import network.mira.core.tx.Transaction;

/** An admitted transaction with its exact wire bytes (what goes into the block). */
public record PendingTransaction(Transaction transaction, byte[] bytes) {}
