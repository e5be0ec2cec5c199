package network.mira.node.verify.attest;

import java.util.Optional;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.Signature;
import network.mira.core.tx.Transaction;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.TransactionStatus;
import network.mira.settlement.mempool.AdmissionResult;
import network.mira.settlement.mempool.Mempool;

/** The node's own mempool and ledger: the attestor's transactions take the same admission as a client's. */
public final class MempoolSink implements TransactionSink {
    private final Ledger ledger;
    private final Mempool mempool;

    public MempoolSink(Ledger ledger, Mempool mempool) {
        this.ledger = ledger;
        this.mempool = mempool;
    }

    @Override
    public Hash recentBlockhash() {
        return ledger.headHeader().hash();
    }

    @Override
    public Optional<String> submit(Transaction transaction) {
        AdmissionResult result = mempool.submit(transaction.serialize());
        if (result.isAccepted()) {
            return Optional.empty();
        }
        return Optional.of(result.reason().map(Enum::name).orElse("REFUSED") + ": " + result.message());
    }

    @Override
    public Fate fate(Signature transaction) {
        // The ledger first: a transaction leaves the mempool when its block is finalized.
        Optional<TransactionStatus> status = ledger.transaction(transaction);
        if (status.isPresent()) {
            return status.get().succeeded() ? Fate.LANDED : Fate.FAILED;
        }
        return mempool.contains(transaction) ? Fate.PENDING : Fate.UNKNOWN;
    }
}
