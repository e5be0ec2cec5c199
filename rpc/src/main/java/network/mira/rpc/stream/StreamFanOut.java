package network.mira.rpc.stream;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import network.mira.rpc.service.RpcErrors;

/**
 * Fans what one producer (the consensus thread) publishes out to every open call of one stream method.
 * A call receives what is published after it subscribed. Both the number of calls and each call's
 * queue are bounded; sending happens on the delivery executor.
 */
public final class StreamFanOut<T> implements AutoCloseable {
    private final String what;
    private final String catchUp;
    private final int queueCapacity;
    private final int maxStreams;
    private final Executor delivery;
    private final Set<QueuedStream<T>> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param what          the items, plural, for error messages ("verification results")
     * @param queueCapacity items a call may fall behind before it is closed with RESOURCE_EXHAUSTED
     * @param maxStreams    concurrent calls; more are refused with RESOURCE_EXHAUSTED (TOO_MANY_STREAMS)
     */
    public StreamFanOut(String what, int queueCapacity, int maxStreams, Executor delivery) {
        this(what, "", queueCapacity, maxStreams, delivery);
    }

    /** @param catchUp how a client reads what it missed, appended to the too-slow error ("" for nothing) */
    public StreamFanOut(String what, String catchUp, int queueCapacity, int maxStreams, Executor delivery) {
        if (queueCapacity <= 0 || maxStreams <= 0) {
            throw new IllegalArgumentException("queue capacity and stream limit must be positive: " + queueCapacity
                    + ", " + maxStreams);
        }
        this.what = what;
        this.catchUp = catchUp;
        this.queueCapacity = queueCapacity;
        this.maxStreams = maxStreams;
        this.delivery = delivery;
    }

    /** From the producer only, in order. */
    public void publish(List<T> items) {
        if (items.isEmpty()) {
            return;
        }
        for (QueuedStream<T> stream : streams) {
            stream.offer(items);
        }
    }

    public void subscribe(ServerCallStreamObserver<T> observer) {
        QueuedStream<T> stream;
        synchronized (streams) {
            if (streams.size() >= maxStreams) {
                observer.onError(RpcErrors.error(Status.Code.RESOURCE_EXHAUSTED, "TOO_MANY_STREAMS",
                        "this node serves at most " + maxStreams + " streams of " + what, Map.of()));
                return;
            }
            stream = new QueuedStream<>(observer, queueCapacity, "the client fell more than " + queueCapacity
                    + " " + what + " behind; reconnect" + (catchUp.isEmpty() ? "" : ", and " + catchUp), delivery,
                    streams::remove);
            streams.add(stream);
        }
        if (closed) {
            stream.end(StreamDrain.shuttingDown());
        }
    }

    /** Open calls, for tests and metrics. */
    public int streamCount() {
        return streams.size();
    }

    /** Ends every call with UNAVAILABLE so a graceful server shutdown does not wait for them. */
    @Override
    public void close() {
        closed = true;
        for (QueuedStream<T> stream : streams) {
            stream.end(StreamDrain.shuttingDown());
        }
    }
}
