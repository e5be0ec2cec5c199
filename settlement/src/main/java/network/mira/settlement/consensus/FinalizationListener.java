package network.mira.settlement.consensus;

import network.mira.settlement.ledger.FinalizedBlock;

/** Told after a block is durably finalized (RPC streams, metrics, logs, the mempool). */
@FunctionalInterface
public interface FinalizationListener {
    void onFinalized(FinalizedBlock block, long executionNanos);
}
