package network.mira.svm.parallel;

import java.util.List;
import network.mira.core.tx.Transaction;

/**
 * Verifies the Ed25519 signatures of many transactions at once, spread over a set of workers, so
 * that signature checking (the most expensive per-transaction step) uses every core and a
 * transaction with a bad signature is known before scheduling. Pure function of its input.
 */
public final class SignatureVerificationStage implements AutoCloseable {
    /** Fewer transactions than this are verified on the calling thread. */
    private static final int INLINE_BELOW = 8;

    private final WorkerPool pool;
    private final boolean ownsPool;

    /** A stage with its own workers (the caller included); close it when done. */
    public SignatureVerificationStage(int workers) {
        this.pool = new WorkerPool(workers, "mira-sigverify");
        this.ownsPool = true;
    }

    /** Shares an executor's workers; closing the stage then leaves them running. */
    SignatureVerificationStage(WorkerPool pool) {
        this.pool = pool;
        this.ownsPool = false;
    }

    public int workers() {
        return pool.workers();
    }

    /** For each transaction, in order: do all of its signatures verify for their keys? */
    public boolean[] verify(List<Transaction> transactions) {
        Transaction[] ordered = transactions.toArray(new Transaction[0]);
        boolean[] valid = new boolean[ordered.length];
        // Each index is written by one worker; the pool's completion makes all visible to the caller.
        pool.forEachIndex(ordered.length, INLINE_BELOW, (worker, i) -> valid[i] = ordered[i].allSignaturesValid());
        return valid;
    }

    @Override
    public void close() {
        if (ownsPool) {
            pool.close();
        }
    }
}
