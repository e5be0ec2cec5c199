package network.mira.rpc.stream;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import network.mira.rpc.service.RpcErrors;
import network.mira.rpc.service.StakingProtoMapper;
import network.mira.rpc.service.StakingSnapshot;
import network.mira.rpc.v1.FinalizedSlashingEvent;
import network.mira.settlement.staking.SlashingEvent;

/**
 * Fans new slashing events out to every StreamSlashingEvents call. {@link #onState} is given the stake
 * state of each finalized block (on the consensus thread); the state's event list only grows, so the
 * events past the count already seen are the new ones, final at that block's height. They are enqueued
 * into each stream's bounded queue; sending happens on the delivery executor. A stream receives the
 * events that appear after it subscribed. Both the number of streams and each queue are bounded.
 */
public final class SlashingEventFeed implements AutoCloseable {
    private final int queueCapacity;
    private final int maxStreams;
    private final Executor delivery;
    private final Set<SlashingEventStream> streams = ConcurrentHashMap.newKeySet();
    /** Events in the last state seen; touched only by {@link #onState}, i.e. the consensus thread. */
    private int seen;
    private volatile boolean closed;

    /**
     * @param seenAtStart   events in the finalized state when the node starts: older ones are never sent
     * @param queueCapacity events a stream may fall behind before it is closed with RESOURCE_EXHAUSTED
     * @param maxStreams    concurrent StreamSlashingEvents calls; more are refused with RESOURCE_EXHAUSTED
     * @param delivery      runs the sends; one thread is enough
     */
    public SlashingEventFeed(int seenAtStart, int queueCapacity, int maxStreams, Executor delivery) {
        if (seenAtStart < 0 || queueCapacity <= 0 || maxStreams <= 0) {
            throw new IllegalArgumentException("start count must not be negative, queue capacity and stream limit"
                    + " must be positive: " + seenAtStart + ", " + queueCapacity + ", " + maxStreams);
        }
        this.seen = seenAtStart;
        this.queueCapacity = queueCapacity;
        this.maxStreams = maxStreams;
        this.delivery = delivery;
    }

    /** The stake state of a finalized block; called in height order. */
    public void onState(StakingSnapshot snapshot) {
        List<SlashingEvent> events = snapshot.state().slashingEvents();
        if (events.size() < seen) {
            throw new IllegalStateException("slashing events only grow, but the state at height "
                    + snapshot.height() + " holds " + events.size() + " after " + seen);
        }
        List<FinalizedSlashingEvent> added = new ArrayList<>(events.size() - seen);
        for (int index = seen; index < events.size(); index++) {
            added.add(FinalizedSlashingEvent.newBuilder()
                    .setEvent(StakingProtoMapper.slashingEvent(events.get(index)))
                    .setFinalizedHeight(snapshot.height())
                    .setIndex(index)
                    .build());
        }
        seen = events.size();
        if (added.isEmpty()) {
            return;
        }
        for (SlashingEventStream stream : streams) {
            stream.offer(added);
        }
    }

    public void subscribe(ServerCallStreamObserver<FinalizedSlashingEvent> observer) {
        SlashingEventStream stream;
        synchronized (streams) {
            if (streams.size() >= maxStreams) {
                observer.onError(RpcErrors.error(Status.Code.RESOURCE_EXHAUSTED, "TOO_MANY_STREAMS",
                        "this node serves at most " + maxStreams + " slashing event streams", Map.of()));
                return;
            }
            stream = new SlashingEventStream(observer, queueCapacity, delivery, streams::remove);
            streams.add(stream);
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
        for (SlashingEventStream stream : streams) {
            stream.end(StreamDrain.shuttingDown());
        }
    }
}
