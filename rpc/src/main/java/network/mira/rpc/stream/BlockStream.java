package network.mira.rpc.stream;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
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
 * <p>All calls on the observer happen inside its {@link StreamDrain}; the consensus thread only
 * enqueues and schedules. A client that stays behind fills its bounded queue and is closed.
 */
final class BlockStream implements StreamDrain.Source {
    private static final Logger LOG = LoggerFactory.getLogger(BlockStream.class);

    private final Ledger ledger;
    private final ServerCallStreamObserver<network.mira.rpc.v1.Block> observer;
    private final ArrayBlockingQueue<LiveBlock> live;
    private final int queueCapacity;
    private final Consumer<BlockStream> onFinish;
    private final StreamDrain drain;
    /** Set once by start(); live blocks may arrive (and drains run) before it, and must then wait. */
    private volatile long startHeight = -1;
    /** Touched only inside the drain; its counter's atomic updates order consecutive drains. */
    private long nextHeight = -1;

    BlockStream(Ledger ledger, ServerCallStreamObserver<network.mira.rpc.v1.Block> observer, int queueCapacity,
                Executor delivery, Consumer<BlockStream> onFinish) {
        this.ledger = ledger;
        this.observer = observer;
        this.live = new ArrayBlockingQueue<>(queueCapacity);
        this.queueCapacity = queueCapacity;
        this.onFinish = onFinish;
        this.drain = new StreamDrain(observer, delivery, this);
    }

    /** Starts sending at {@code fromHeight}; the stream must already be subscribed to live blocks. */
    void start(long fromHeight) {
        if (fromHeight < 0) {
            throw new IllegalArgumentException("stream start height must not be negative: " + fromHeight);
        }
        startHeight = fromHeight;
        drain.schedule();
    }

    /** Called on the consensus thread: must not block and must not touch the observer. */
    void offer(LiveBlock block) {
        if (!live.offer(block)) {
            end(RpcErrors.error(Status.Code.RESOURCE_EXHAUSTED, "STREAM_TOO_SLOW", "the client fell more than "
                    + queueCapacity + " blocks behind; reconnect with from_height = last received height + 1",
                    Map.of()));
            return;
        }
        drain.schedule();
    }

    /** Ends the stream with {@code error} at the next drain; the first reason wins. */
    void end(StatusRuntimeException error) {
        drain.end(error);
    }

    @Override
    public void send() {
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
                drain.fail(Status.INTERNAL.withDescription("cannot read block " + nextHeight
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

    @Override
    public void release() {
        live.clear();
        onFinish.accept(this);
    }
}
