package network.mira.rpc.stream;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import network.mira.core.block.Block;
import network.mira.rpc.service.ProtoMapper;
import network.mira.rpc.service.RpcErrors;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One StreamBlocks call. A cursor names the next height to send; the next block comes from the
 * live queue when its head is that height, otherwise from the ledger (replay, or catching up
 * after blocks that finalized before the subscription). Live blocks below the cursor were already
 * sent from the ledger and are skipped, so the switch-over has no gap and no duplicate.
 *
 * <p>All calls on the observer happen inside {@link #drain()}, which runs on the delivery executor
 * and never concurrently with itself (a work-in-progress counter serializes it). The consensus
 * thread only enqueues and schedules. Sending stops whenever gRPC flow control says the client is
 * not ready; a client that stays behind fills its bounded queue and is closed.
 */
final class BlockStream {
    private static final Logger LOG = LoggerFactory.getLogger(BlockStream.class);

    private final Ledger ledger;
    private final ServerCallStreamObserver<network.mira.rpc.v1.Block> observer;
    private final ArrayBlockingQueue<LiveBlock> live;
    private final int queueCapacity;
    private final Executor delivery;
    private final Consumer<BlockStream> onFinish;
    private final AtomicInteger pendingDrains = new AtomicInteger();
    private final AtomicReference<StatusRuntimeException> endWith = new AtomicReference<>();
    /** Set once by start(); live blocks may arrive (and drains run) before it, and must then wait. */
    private volatile long startHeight = -1;
    /** Touched only inside drain(); the counter's atomic updates order consecutive drains. */
    private long nextHeight = -1;
    private boolean finished;

    BlockStream(Ledger ledger, ServerCallStreamObserver<network.mira.rpc.v1.Block> observer, int queueCapacity,
                Executor delivery, Consumer<BlockStream> onFinish) {
        this.ledger = ledger;
        this.observer = observer;
        this.live = new ArrayBlockingQueue<>(queueCapacity);
        this.queueCapacity = queueCapacity;
        this.delivery = delivery;
        this.onFinish = onFinish;
        // Both handlers must be installed before the service method returns.
        observer.setOnReadyHandler(this::schedule);
        observer.setOnCancelHandler(this::schedule);
    }

    /** Starts sending at {@code fromHeight}; the stream must already be subscribed to live blocks. */
    void start(long fromHeight) {
        if (fromHeight < 0) {
            throw new IllegalArgumentException("stream start height must not be negative: " + fromHeight);
        }
        startHeight = fromHeight;
        schedule();
    }

    /** Called on the consensus thread: must not block and must not touch the observer. */
    void offer(LiveBlock block) {
        if (!live.offer(block)) {
            end(RpcErrors.error(Status.Code.RESOURCE_EXHAUSTED, "STREAM_TOO_SLOW", "the client fell more than "
                    + queueCapacity + " blocks behind; reconnect with from_height = last received height + 1",
                    Map.of()));
            return;
        }
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
            // The delivery threads are gone (shutdown). No drain is running, so this thread may end the call.
            finish();
            if (!observer.isCancelled()) {
                observer.onError(shuttingDown());
            }
        }
    }

    static StatusRuntimeException shuttingDown() {
        return RpcErrors.error(Status.Code.UNAVAILABLE, "SHUTTING_DOWN", "node is shutting down", Map.of());
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
        if (nextHeight < 0) {
            nextHeight = startHeight;
            if (nextHeight < 0) {
                return;
            }
        }
        while (observer.isReady()) {
            network.mira.rpc.v1.Block next;
            try {
                next = nextBlock();
            } catch (LedgerException | IllegalStateException e) {
                LOG.error("block stream cannot read block {}: {}", nextHeight, e.getMessage(), e);
                finish();
                observer.onError(Status.INTERNAL.withDescription("cannot read block " + nextHeight
                        + "; see the node log").asRuntimeException());
                return;
            }
            if (next == null) {
                return;
            }
            observer.onNext(next);
            nextHeight++;
        }
    }

    /** The block at the cursor, or null when the cursor is above the finalized head. */
    private network.mira.rpc.v1.Block nextBlock() {
        LiveBlock head = live.peek();
        while (head != null && head.height() < nextHeight) {
            live.poll();
            head = live.peek();
        }
        if (head != null && head.height() == nextHeight) {
            live.poll();
            return head.proto();
        }
        if (nextHeight > ledger.finalizedHeight()) {
            return null;
        }
        Block block = ledger.block(nextHeight).orElseThrow(() -> new LedgerException(
                "data dir is corrupt: finalized block " + nextHeight + " is missing"));
        return ProtoMapper.block(block, ledger.certificate(nextHeight).orElseThrow(() -> new LedgerException(
                "data dir is corrupt: block " + nextHeight + " has no commit certificate")));
    }

    private void finish() {
        finished = true;
        live.clear();
        onFinish.accept(this);
    }
}
