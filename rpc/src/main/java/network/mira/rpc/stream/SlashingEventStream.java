package network.mira.rpc.stream;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import network.mira.rpc.service.RpcErrors;
import network.mira.rpc.v1.FinalizedSlashingEvent;

/**
 * One StreamSlashingEvents call: a bounded queue the consensus thread fills and a {@link StreamDrain}
 * that sends from it, as {@link BlockStream} is built without the replay. A client that stays behind
 * fills its queue and is closed with STREAM_TOO_SLOW.
 */
final class SlashingEventStream implements StreamDrain.Source {
    private final ServerCallStreamObserver<FinalizedSlashingEvent> observer;
    private final ArrayBlockingQueue<FinalizedSlashingEvent> queue;
    private final int queueCapacity;
    private final Consumer<SlashingEventStream> onFinish;
    private final StreamDrain drain;

    SlashingEventStream(ServerCallStreamObserver<FinalizedSlashingEvent> observer, int queueCapacity,
                        Executor delivery, Consumer<SlashingEventStream> onFinish) {
        this.observer = observer;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.queueCapacity = queueCapacity;
        this.onFinish = onFinish;
        this.drain = new StreamDrain(observer, delivery, this);
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
        drain.schedule();
    }

    /** Ends the stream with {@code error} at the next drain; the first reason wins. */
    void end(StatusRuntimeException error) {
        drain.end(error);
    }

    @Override
    public void send() {
        while (observer.isReady()) {
            FinalizedSlashingEvent next = queue.poll();
            if (next == null) {
                return;
            }
            observer.onNext(next);
        }
    }

    @Override
    public void release() {
        queue.clear();
        onFinish.accept(this);
    }
}
