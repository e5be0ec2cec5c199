package network.mira.rpc.stream;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import network.mira.rpc.service.RpcErrors;
import network.mira.settlement.consensus.FinalizationListener;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.settlement.ledger.Ledger;

/**
 * Fans finalized blocks out to every StreamBlocks call. The consensus thread calls
 * {@link #onFinalized} and only enqueues into each stream's bounded queue; conversion and sending
 * happen on the delivery executor. Both the number of streams and each stream's queue are bounded.
 */
public final class BlockFeed implements FinalizationListener, AutoCloseable {
    private final Ledger ledger;
    private final int queueCapacity;
    private final int maxStreams;
    private final Executor delivery;
    private final Set<BlockStream> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param queueCapacity blocks a stream may fall behind before it is closed with RESOURCE_EXHAUSTED
     * @param maxStreams    concurrent StreamBlocks calls; more are refused with RESOURCE_EXHAUSTED
     * @param delivery      runs replay reads and sends; a small fixed pool is enough
     */
    public BlockFeed(Ledger ledger, int queueCapacity, int maxStreams, Executor delivery) {
        if (queueCapacity <= 0 || maxStreams <= 0) {
            throw new IllegalArgumentException("queue capacity and stream limit must be positive: "
                    + queueCapacity + ", " + maxStreams);
        }
        this.ledger = ledger;
        this.queueCapacity = queueCapacity;
        this.maxStreams = maxStreams;
        this.delivery = delivery;
    }

    @Override
    public void onFinalized(FinalizedBlock finalized, long executionNanos) {
        if (streams.isEmpty()) {
            return;
        }
        LiveBlock block = new LiveBlock(finalized.block(), finalized.certificate());
        for (BlockStream stream : streams) {
            stream.offer(block);
        }
    }

    /**
     * Subscribes before reading where to start, so every block finalized from then on is either in
     * the ledger when the cursor reaches it or in the stream's queue.
     *
     * @param fromHeight first height to send; 0 means the next block to finalize
     */
    public void subscribe(long fromHeight, ServerCallStreamObserver<network.mira.rpc.v1.Block> observer) {
        if (fromHeight < 0) {
            throw new IllegalArgumentException("from height must not be negative: " + fromHeight);
        }
        BlockStream stream;
        synchronized (streams) {
            if (streams.size() >= maxStreams) {
                observer.onError(RpcErrors.error(Status.Code.RESOURCE_EXHAUSTED, "TOO_MANY_STREAMS",
                        "this node serves at most " + maxStreams + " block streams", Map.of()));
                return;
            }
            stream = new BlockStream(ledger, observer, queueCapacity, delivery, streams::remove);
            streams.add(stream);
        }
        try {
            stream.start(fromHeight == 0 ? ledger.finalizedHeight() + 1 : fromHeight);
        } catch (RuntimeException e) {
            streams.remove(stream);
            throw e;
        }
        if (closed) {
            stream.end(StreamDrain.shuttingDown());
        }
    }

    /** Live streams, for tests and metrics. */
    public int streamCount() {
        return streams.size();
    }

    /** Ends every stream with UNAVAILABLE so a graceful server shutdown does not wait for them. */
    @Override
    public void close() {
        closed = true;
        for (BlockStream stream : streams) {
            stream.end(StreamDrain.shuttingDown());
        }
    }
}
