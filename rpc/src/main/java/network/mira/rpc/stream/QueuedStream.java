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

/**
 * One call of a finalization-driven stream: a bounded queue the consensus thread fills and a
 * {@link StreamDrain} that sends from it (as every finalization-driven stream does). A client
 * that stays behind fills its queue and is closed with STREAM_TOO_SLOW.
 */
final class QueuedStream<T> implements StreamDrain.Source {
    private final ServerCallStreamObserver<T> observer;
    private final ArrayBlockingQueue<T> queue;
    private final String tooSlow;
    private final Consumer<QueuedStream<T>> onFinish;
    private final StreamDrain drain;

    /** @param tooSlow the description a client gets when it falls a full queue behind */
    QueuedStream(ServerCallStreamObserver<T> observer, int queueCapacity, String tooSlow, Executor delivery,
                 Consumer<QueuedStream<T>> onFinish) {
        this.observer = observer;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.tooSlow = tooSlow;
        this.onFinish = onFinish;
        this.drain = new StreamDrain(observer, delivery, this);
    }

    /** From the one producer only; must not block. A block's items all fit or the stream ends. */
    void offer(List<T> items) {
        if (queue.remainingCapacity() < items.size()) {
            end(RpcErrors.error(Status.Code.RESOURCE_EXHAUSTED, "STREAM_TOO_SLOW", tooSlow, Map.of()));
            return;
        }
        queue.addAll(items);
        drain.schedule();
    }

    void end(StatusRuntimeException error) {
        drain.end(error);
    }

    @Override
    public void send() {
        while (observer.isReady()) {
            T next = queue.poll();
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
