package network.mira.node.verify.attest;

import java.util.Optional;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.Signature;
import network.mira.core.tx.Transaction;

/** Where the attestor sends its transactions and learns what became of them: the node's own mempool. */
public interface TransactionSink {
    /** What became of a submitted transaction. */
    enum Fate {
        /** Still waiting in the mempool. */
        PENDING,
        /** In a finalized block, successful. */
        LANDED,
        /** In a finalized block, failed (only its fee was charged). */
        FAILED,
        /** Neither: dropped (expired blockhash, evicted) or never admitted. */
        UNKNOWN
    }

    /** A blockhash of the finalized head, for new transactions. */
    Hash recentBlockhash();

    /** @return empty when admitted, else why it was refused */
    Optional<String> submit(Transaction transaction);

    Fate fate(Signature transaction);
}
