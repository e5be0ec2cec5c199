package network.mira.svm.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Message;
import network.mira.core.tx.Transaction;
import network.mira.svm.AccountReader;
import network.mira.svm.BlockContext;
import network.mira.svm.BlockExecution;
import network.mira.svm.BlockExecutor;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.TransactionOutcome;
import network.mira.svm.TransactionRejectedException;

/**
 * Executes a block on a fixed set of workers with the serial result, byte for byte.
 *
 * <p>How, for one block:
 * <ol>
 *   <li>Every transaction's accounts get block-local ids ({@link AccountIndex}; on all workers),
 *       which also finds the transactions that share a written account with another one.
 *   <li>{@link ConflictScheduler} splits the block into batches of mutually non-conflicting
 *       transactions. It runs on one thread, but only over the transactions found above; all
 *       others go into the first batch.
 *   <li>Batch by batch: each transaction runs with {@link TransactionExecutor#run} against the
 *       pending state ({@link PendingAccounts}), which nobody writes during the batch, and its
 *       outcome is stored at its block index. Then, after all of the batch has run, the outcomes'
 *       writes are recorded. Within a batch no two transactions write the same account, so the
 *       order of recording does not matter and it runs on all workers too; across batches,
 *       conflicting transactions are in block order. Each transaction therefore reads exactly
 *       what it would have read serially, and nothing depends on which worker ran what or when.
 *   <li>The written accounts are sorted by address into the block's changes (on all workers).
 * </ol>
 *
 * <p>Workers claim short runs of consecutive transactions from a shared counter, which balances
 * uneven transactions and keeps neighbouring transactions on one core. Work smaller than the
 * inline threshold runs on the calling thread: handing it off would cost more than it saves, and
 * a chain of conflicting transactions then costs what serial execution costs.
 *
 * <p>The committed state passed to {@link #execute} must allow concurrent reads (RocksDB and
 * unmodified maps do). A {@link RuntimeException} from the runtime or the state is a bug or an
 * I/O failure, not a transaction result: it propagates, and when several transactions of one
 * batch throw, the one earliest in the block is rethrown.
 */
public final class ParallelBlockExecutor implements BlockExecutor, AutoCloseable {
    /** Work of fewer transactions than this runs on the calling thread by default. */
    public static final int DEFAULT_INLINE_BATCH_BELOW = 64;

    private final TransactionExecutor executor;
    private final WorkerPool pool;
    private final int inlineBatchBelow;
    private final SignatureVerificationStage signatures;

    /** @param workers threads that execute, the caller included (the node passes execution.workers) */
    public ParallelBlockExecutor(TransactionExecutor executor, int workers) {
        this(executor, workers, DEFAULT_INLINE_BATCH_BELOW);
    }

    /** @param inlineBatchBelow batches with fewer transactions run on the calling thread (tests pass 1) */
    public ParallelBlockExecutor(TransactionExecutor executor, int workers, int inlineBatchBelow) {
        if (executor == null) {
            throw new IllegalArgumentException("executor must not be null");
        }
        if (inlineBatchBelow < 1) {
            throw new IllegalArgumentException("inlineBatchBelow must be at least 1, got " + inlineBatchBelow);
        }
        this.executor = executor;
        this.pool = new WorkerPool(workers, "mira-exec");
        this.inlineBatchBelow = inlineBatchBelow;
        this.signatures = new SignatureVerificationStage(pool);
    }

    public int workers() {
        return pool.workers();
    }

    @Override
    public BlockExecution execute(List<Transaction> transactions, AccountReader state, BlockContext block) {
        long start = System.nanoTime();
        Run run = new Run(transactions.toArray(new Transaction[0]), block);
        long busyNanos = run.index();
        Schedule schedule = ConflictScheduler.schedule(run.accounts.accesses(), run.accounts.idBound(),
                run.accounts.touchesContended());
        run.pending = new PendingAccounts(state, run.accounts, pool.workers());
        for (int b = 0; b < schedule.batchCount(); b++) {
            busyNanos += run.batch(schedule.indexes(b));
        }
        SortedMap<PublicKey, Account> changes = run.pending.changes(pool);
        busyNanos += run.pending.sortNanos();
        BlockExecution.ExecutionStats stats = new BlockExecution.ExecutionStats(schedule.batchCount(),
                schedule.largestBatch(), pool.workers(), busyNanos, System.nanoTime() - start);
        return new BlockExecution(List.of(run.entries), changes, stats);
    }

    /**
     * Verifies every signature first (in parallel), then executes only the transactions whose
     * signatures all verify; the others become BAD_SIGNATURE rejections at their place in the
     * block and never reach scheduling or execution.
     */
    public BlockExecution executeVerified(List<Transaction> transactions, AccountReader state, BlockContext block) {
        return executeVerified(transactions, new boolean[transactions.size()], state, block);
    }

    /**
     * As {@link #executeVerified(List, AccountReader, BlockContext)}, but transactions marked in
     * {@code alreadyVerified} (checked by this node before, e.g. at mempool admission) are not
     * verified again.
     */
    public BlockExecution executeVerified(List<Transaction> transactions, boolean[] alreadyVerified, AccountReader state,
                                          BlockContext block) {
        if (alreadyVerified.length != transactions.size()) {
            throw new IllegalArgumentException("alreadyVerified has " + alreadyVerified.length + " entries for "
                    + transactions.size() + " transactions");
        }
        List<Transaction> toVerify = new ArrayList<>(transactions.size());
        for (int i = 0; i < transactions.size(); i++) {
            if (!alreadyVerified[i]) {
                toVerify.add(transactions.get(i));
            }
        }
        boolean[] checked = signatures.verify(toVerify);
        boolean[] valid = new boolean[transactions.size()];
        List<Transaction> verified = new ArrayList<>(transactions.size());
        for (int i = 0, next = 0; i < valid.length; i++) {
            valid[i] = alreadyVerified[i] || checked[next++];
            if (valid[i]) {
                verified.add(transactions.get(i));
            }
        }
        BlockExecution executed = execute(verified, state, block);
        List<BlockExecution.Entry> entries = new ArrayList<>(transactions.size());
        int next = 0;
        for (int i = 0; i < valid.length; i++) {
            entries.add(valid[i] ? executed.entries().get(next++) : badSignature(transactions.get(i)));
        }
        return new BlockExecution(List.copyOf(entries), executed.changes(), executed.stats());
    }

    /** The verification stage on this executor's workers, for callers that verify on their own. */
    public SignatureVerificationStage signatureVerification() {
        return signatures;
    }

    private static BlockExecution.Entry badSignature(Transaction transaction) {
        return new BlockExecution.Entry(Optional.empty(), Optional.of(new TransactionRejectedException(
                "BAD_SIGNATURE", "transaction " + transaction.id() + " carries a signature that does not verify")));
    }

    /** Stops the worker threads; the executor must not be used afterwards. */
    @Override
    public void close() {
        pool.close();
    }

    /** One block's execution: its inputs and what the workers produce, by block index. */
    private final class Run {
        private final Transaction[] transactions;
        private final Message[] messages;
        private final BlockContext block;
        private final AccountIndex accounts;
        private final BlockExecution.Entry[] entries;
        private final TransactionOutcome[] outcomes;
        private final RuntimeException[] failures;
        private PendingAccounts pending;

        Run(Transaction[] transactions, BlockContext block) {
            this.transactions = transactions;
            this.messages = new Message[transactions.length];
            this.block = block;
            this.accounts = new AccountIndex(transactions.length, pool.workers());
            this.entries = new BlockExecution.Entry[transactions.length];
            this.outcomes = new TransactionOutcome[transactions.length];
            this.failures = new RuntimeException[transactions.length];
        }

        long index() {
            long busyNanos = pool.forEachIndex(transactions.length, inlineBatchBelow, (worker, i) -> {
                messages[i] = transactions[i].message();
                accounts.collect(worker, i, messages[i]);
            });
            if (transactions.length < inlineBatchBelow) {
                long start = System.nanoTime();
                for (int shard = 0; shard < accounts.shards(); shard++) {
                    accounts.assign(shard);
                }
                return busyNanos + System.nanoTime() - start;
            }
            return busyNanos + pool.runOnAll(accounts::assign);
        }

        /** Runs one batch against the frozen pending state, then records its writes. */
        long batch(int[] batch) {
            long busyNanos = pool.forEachIndex(batch.length, inlineBatchBelow, (worker, k) -> execute(batch[k]));
            for (int index : batch) {
                if (failures[index] != null) {
                    throw failures[index];
                }
            }
            return busyNanos
                    + pool.forEachIndex(batch.length, inlineBatchBelow, (worker, k) -> record(worker, batch[k]));
        }

        private void execute(int index) {
            try {
                TransactionOutcome outcome = executor.run(transactions[index],
                        pending.viewFor(index, messages[index].accountKeys()), block);
                outcomes[index] = outcome;
                entries[index] = new BlockExecution.Entry(Optional.of(outcome.result()), Optional.empty());
            } catch (TransactionRejectedException rejected) {
                entries[index] = new BlockExecution.Entry(Optional.empty(), Optional.of(rejected));
            } catch (RuntimeException failure) {
                failures[index] = failure;
            }
        }

        private void record(int worker, int index) {
            TransactionOutcome outcome = outcomes[index];
            if (outcome != null) {
                pending.apply(worker, index, messages[index].accountKeys(), outcome.writes());
                outcomes[index] = null;
            }
        }
    }
}
