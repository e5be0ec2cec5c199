package network.mira.svm.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import network.mira.core.tx.Transaction;
import network.mira.svm.AccountOverlay;
import network.mira.svm.AccountReader;
import network.mira.svm.BlockContext;
import network.mira.svm.BlockExecution;
import network.mira.svm.BlockExecutor;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.TransactionOutcome;
import network.mira.svm.TransactionRejectedException;

/**
 * The reference: every transaction in block order on the calling thread, each seeing the writes of
 * all before it. {@link ParallelBlockExecutor} must produce exactly this result.
 */
public final class SerialBlockExecutor implements BlockExecutor {
    private final TransactionExecutor executor;

    public SerialBlockExecutor(TransactionExecutor executor) {
        if (executor == null) {
            throw new IllegalArgumentException("executor must not be null");
        }
        this.executor = executor;
    }

    @Override
    public BlockExecution execute(List<Transaction> transactions, AccountReader state, BlockContext block) {
        long start = System.nanoTime();
        AccountOverlay overlay = new AccountOverlay(state);
        List<BlockExecution.Entry> entries = new ArrayList<>(transactions.size());
        for (Transaction transaction : transactions) {
            try {
                TransactionOutcome outcome = executor.run(transaction, overlay, block);
                outcome.writes().forEach(overlay::put);
                entries.add(new BlockExecution.Entry(Optional.of(outcome.result()), Optional.empty()));
            } catch (TransactionRejectedException rejected) {
                entries.add(new BlockExecution.Entry(Optional.empty(), Optional.of(rejected)));
            }
        }
        long wallNanos = System.nanoTime() - start;
        // Serially every transaction is a batch of its own.
        BlockExecution.ExecutionStats stats = new BlockExecution.ExecutionStats(transactions.size(),
                transactions.isEmpty() ? 0 : 1, 1, wallNanos, wallNanos);
        return new BlockExecution(entries, overlay.changes(), stats);
    }
}
