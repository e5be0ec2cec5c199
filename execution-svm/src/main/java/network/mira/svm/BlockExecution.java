package network.mira.svm;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;

/**
 * The result of executing a list of transactions: for each, in order, either its result or the
 * reason it could not be included (it then changed nothing); the final value of every account
 * written; and how the work was spread.
 */
public record BlockExecution(List<Entry> entries, SortedMap<PublicKey, Account> changes, ExecutionStats stats) {

    /** One transaction: exactly one of {@code result} and {@code rejection} is present. */
    public record Entry(Optional<TransactionResult> result, Optional<TransactionRejectedException> rejection) {
        public boolean included() {
            return result.isPresent();
        }
    }

    /**
     * @param batches           groups of mutually non-conflicting transactions run together
     * @param largestBatch      transactions in the largest batch
     * @param workers           worker threads available
     * @param busyNanos         sum over workers of time spent executing
     * @param wallNanos         elapsed time of the execution stage
     */
    public record ExecutionStats(int batches, int largestBatch, int workers, long busyNanos, long wallNanos) {
        /** Fraction of the workers' available time spent executing, 0..1 (for metrics, not consensus). */
        public double utilisation() {
            return wallNanos == 0 || workers == 0 ? 0 : Math.min(1.0, (double) busyNanos / ((double) wallNanos * workers));
        }
    }
}
