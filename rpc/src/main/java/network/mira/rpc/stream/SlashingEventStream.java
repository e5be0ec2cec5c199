package network.mira.rpc.stream;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import network.mira.rpc.service.RpcErrors;
import network.mira.rpc.v1.FinalizedSlashingEvent;

/**
 * One StreamSlashingEvents call: a bounded queue the consensus thread fills and a drain that sends from
 * it, built as {@link BlockStream} is without the replay. Every call on the observer happens inside
 * {@link #drain()}, which runs on the delivery executor and never concurrently with itself (a
 * work-in-progress counter serializes it). Sending stops while gRPC flow control says the client is not
 * ready; a client that stays behind fills its queue and is closed with STREAM_TOO_SLOW.
 */
final class SlashingEventStream {
    private final ServerCallStreamObserver<FinalizedSlashingEvent> observer;
    private final ArrayBlockingQueue<FinalizedSlashingEvent> queue;
    private final int queueCapacity;
    private final Executor delivery;
    private final Consumer<SlashingEventStream> onFinish;
    private final AtomicInteger pendingDrains = new AtomicInteger();
    private final AtomicReference<StatusRuntimeException> endWith = new AtomicReference<>();
    /** Touched only inside drain(). */
    private boolean finished;

    SlashingEventStream(ServerCallStreamObserver<FinalizedSlashingEvent> observer, int queueCapacity,
                        Executor delivery, Consumer<SlashingEventStream> onFinish) {
        this.observer = observer;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.queueCapacity = queueCapacity;
        this.delivery = delivery;
        this.onFinish = onFinish;
        // Both handlers must be installed before the service method returns.
        observer.setOnReadyHandler(this::schedule);
        observer.setOnCancelHandler(this::schedule);
    }

    /**
     * Called on the consensus thread only (the one producer): must not block or touch the observer.
     * All of a block's events fit or the stream ends, so a client never sees part of a block's events.
     */
    void offer(List<FinalizedSlashingEvent> events) {
        if (queue.remainingCapacity() < events.size()) {
            end(RpcErrors.error(Status.Code.RESOURCE_EXHAUSTED, "STREAM_TOO_SLOW", "the client fell more than "
                    + queueCapacity + " slashing events behind; reconnect, and read what was missed with "
                    + "ListSlashingEvents", Map.of()));
            return;
        }
        queue.addAll(events);
        schedule();
    }

    /** Ends the stream with {@code error} at the next drain; the first reason wins. */
    void end(StatusRuntimeException error) {
        endWith.compareAndSet(null, error);
        schedule();
    }

    private void schedule() {
        if (pendingDrains.getAndIncrement() != 0) {
            return;
        }
        try {
            delivery.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The delivery thread is gone (shutdown). No drain is running, so this thread may end the call.
            finish();
            if (!observer.isCancelled()) {
                observer.onError(BlockStream.shuttingDown());
            }
        }
    }

    private void drain() {
        int missed = 1;
        do {
            if (!finished) {
                drainOnce();
            }
            missed = pendingDrains.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drainOnce() {
        if (observer.isCancelled()) {
            finish();
            return;
        }
        StatusRuntimeException error = endWith.get();
        if (error != null) {
            finish();
            observer.onError(error);
            return;
        }
        while (observer.isReady()) {
            FinalizedSlashingEvent next = queue.poll();
            if (next == null) {
                return;
            }
            observer.onNext(next);
        }
    }

    private void finish() {
        finished = true;
        queue.clear();
        onFinish.accept(this);
    }
}
