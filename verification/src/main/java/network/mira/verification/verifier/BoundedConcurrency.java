package network.mira.verification.verifier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * At most {@code maxRunning} items in progress and at most {@code maxWaiting} waiting for a place,
 * without blocking anyone: {@link #submit} either starts the item on the executor, queues it, or
 * says no. Whoever started an item calls {@link #finished} exactly once when it is done, which
 * starts the longest-waiting item, if any. Thread-safe.
 */
final class BoundedConcurrency<T> {
    private final int maxRunning;
    private final int maxWaiting;
    private final Consumer<T> start;
    private final Executor executor;
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private int running;

    BoundedConcurrency(int maxRunning, int maxWaiting, Consumer<T> start, Executor executor) {
        if (maxRunning < 1 || maxWaiting < 0) {
            throw new IllegalArgumentException("maxRunning must be at least 1 and maxWaiting not negative, got "
                    + maxRunning + " and " + maxWaiting);
        }
        this.maxRunning = maxRunning;
        this.maxWaiting = maxWaiting;
        this.start = start;
        this.executor = executor;
    }

    /** @return false when every running place and every waiting place is taken; the item was not accepted */
    boolean submit(T item) {
        synchronized (this) {
            if (running == maxRunning) {
                if (waiting.size() == maxWaiting) {
                    return false;
                }
                waiting.addLast(item);
                return true;
            }
            running++;
        }
        dispatch(item);
        return true;
    }

    /** One running item is done: its place goes to the longest-waiting item. */
    void finished() {
        T next;
        synchronized (this) {
            if (running == 0) {
                throw new IllegalStateException("finished() without a running item");
            }
            next = waiting.pollFirst();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            dispatch(next);
        }
    }

    /** Removes and returns the waiting items, e.g. to abstain on them when closing. */
    synchronized List<T> drainWaiting() {
        List<T> drained = new ArrayList<>(waiting);
        waiting.clear();
        return drained;
    }

    synchronized int running() {
        return running;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    private void dispatch(T item) {
        try {
            executor.execute(() -> start.accept(item));
        } catch (RejectedExecutionException e) {
            // Only after shutdown: the owner abstains on everything it had accepted when it closed.
            synchronized (this) {
                running--;
            }
        }
    }
}
