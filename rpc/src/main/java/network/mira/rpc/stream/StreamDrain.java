package network.mira.rpc.stream;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import network.mira.rpc.service.RpcErrors;

/**
 * The delivery side of one server stream: every call on the observer happens inside {@link #drain()},
 * which runs on the delivery executor and never concurrently with itself (a work-in-progress counter
 * serializes it). Producers only enqueue into their source and {@link #schedule()}. A drain ends the
 * call when the client cancelled or an end was asked for, and otherwise lets the source send while gRPC
 * flow control says the client is ready.
 */
final class StreamDrain {
    /** What a stream sends; both methods run inside the drain only. */
    interface Source {
        /** Sends what is ready while {@code observer.isReady()}; may end the call with {@link #fail}. */
        void send();

        /** The call has ended: drop what is queued and unsubscribe. */
        void release();
    }

    private final ServerCallStreamObserver<?> observer;
    private final Executor delivery;
    private final Source source;
    private final AtomicInteger pendingDrains = new AtomicInteger();
    private final AtomicReference<StatusRuntimeException> endWith = new AtomicReference<>();
    /** Touched only inside drain(), or by schedule() once no drain can run again. */
    private boolean finished;

    /** Installs the observer's handlers, which must happen before the service method returns. */
    StreamDrain(ServerCallStreamObserver<?> observer, Executor delivery, Source source) {
        this.observer = observer;
        this.delivery = delivery;
        this.source = source;
        observer.setOnReadyHandler(this::schedule);
        observer.setOnCancelHandler(this::schedule);
    }

    static StatusRuntimeException shuttingDown() {
        return RpcErrors.error(Status.Code.UNAVAILABLE, "SHUTTING_DOWN", "node is shutting down", Map.of());
    }

    /** Ends the stream with {@code error} at the next drain; the first reason wins. */
    void end(StatusRuntimeException error) {
        endWith.compareAndSet(null, error);
        schedule();
    }

    void schedule() {
        if (pendingDrains.getAndIncrement() != 0) {
            return;
        }
        try {
            delivery.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The delivery threads are gone (shutdown). No drain is running, so this thread may end the call.
            finish();
            if (!observer.isCancelled()) {
                observer.onError(shuttingDown());
            }
        }
    }

    /** From inside {@link Source#send()}: ends the call now with {@code error}. */
    void fail(StatusRuntimeException error) {
        finish();
        observer.onError(error);
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
            fail(error);
            return;
        }
        source.send();
    }

    private void finish() {
        finished = true;
        source.release();
    }
}
