package network.mira.svm.parallel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * A fixed set of workers that run one piece of work together and return when all are done. The
 * calling thread is worker 0 and {@code workers - 1} pool threads are the others: the caller
 * would only wait otherwise, and one worker then means plain serial execution with no hand-off.
 * Pool threads are daemons so a forgotten pool cannot keep the JVM alive; owners still close it.
 */
final class WorkerPool implements AutoCloseable {
    /** Enough for any machine we run on; a larger value is a configuration mistake. */
    static final int MAX_WORKERS = 1024;
    /** Most indexes a worker claims at once: small enough to balance, large enough to keep claims rare. */
    private static final int MAX_CHUNK = 128;
    private static final int CHUNKS_PER_WORKER = 8;

    private final int workers;
    private final ExecutorService helpers;

    WorkerPool(int workers, String threadNamePrefix) {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be 1.." + MAX_WORKERS + ", got " + workers);
        }
        this.workers = workers;
        // The queue is bounded in practice: each runOnAll in progress queues at most workers - 1 tasks.
        this.helpers = workers == 1 ? null : new ThreadPoolExecutor(workers - 1, workers - 1, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads(threadNamePrefix));
    }

    int workers() {
        return workers;
    }

    /**
     * Runs {@code work.accept(worker)} once on every worker at the same time and waits for all of
     * them, even if the caller is interrupted (the work reads the caller's data). Work must catch
     * its own expected failures; anything thrown is rethrown here after all workers finished.
     *
     * @return nanoseconds the workers spent in {@code work}, summed
     */
    long runOnAll(IntConsumer work) {
        if (workers == 1) {
            long start = System.nanoTime();
            work.accept(0);
            return System.nanoTime() - start;
        }
        if (helpers.isShutdown()) {
            throw new IllegalStateException("worker pool is closed");
        }
        CountDownLatch done = new CountDownLatch(workers - 1);
        AtomicLong busyNanos = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int worker = 1; worker < workers; worker++) {
            int id = worker;
            helpers.execute(() -> {
                try {
                    runTimed(work, id, busyNanos, failure);
                } finally {
                    done.countDown();
                }
            });
        }
        runTimed(work, 0, busyNanos, failure);
        awaitUninterruptibly(done);
        Throwable thrown = failure.get();
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        return busyNanos.get();
    }

    /** Work on one index, told which worker runs it (for per-worker scratch space). */
    @FunctionalInterface
    interface IndexAction {
        void run(int worker, int index);
    }

    /**
     * Calls {@code action} for every index 0..count-1, spread over the workers in runs of
     * consecutive indexes claimed from a shared counter; fewer than {@code inlineBelow} indexes
     * run on the calling thread alone (as worker 0).
     *
     * @return nanoseconds the workers spent, summed
     */
    long forEachIndex(int count, int inlineBelow, IndexAction action) {
        if (count < inlineBelow || workers == 1) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                action.run(0, i);
            }
            return System.nanoTime() - start;
        }
        int chunk = chunkSize(count, workers);
        AtomicInteger claimed = new AtomicInteger();
        return runOnAll(worker -> {
            for (int from = claimed.getAndAdd(chunk); from < count; from = claimed.getAndAdd(chunk)) {
                int to = Math.min(count, from + chunk);
                for (int i = from; i < to; i++) {
                    action.run(worker, i);
                }
            }
        });
    }

    /**
     * Indexes per claim: about {@value #CHUNKS_PER_WORKER} claims per worker, so that early
     * finishers can help late ones, and at most {@value #MAX_CHUNK}.
     */
    static int chunkSize(int count, int workers) {
        return Math.max(1, Math.min(MAX_CHUNK, count / (workers * CHUNKS_PER_WORKER)));
    }

    private static void runTimed(IntConsumer work, int worker, AtomicLong busyNanos,
                                 AtomicReference<Throwable> failure) {
        long start = System.nanoTime();
        try {
            work.accept(worker);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        } finally {
            busyNanos.addAndGet(System.nanoTime() - start);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (helpers == null) {
            return;
        }
        helpers.shutdown();
        try {
            if (!helpers.awaitTermination(10, TimeUnit.SECONDS)) {
                helpers.shutdownNow();
            }
        } catch (InterruptedException e) {
            helpers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
