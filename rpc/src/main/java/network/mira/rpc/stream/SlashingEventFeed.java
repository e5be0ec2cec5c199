package network.mira.rpc.stream;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
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
    private final StreamFanOut<FinalizedSlashingEvent> streams;
    /** Events in the last state seen; touched only by {@link #onState}, i.e. the consensus thread. */
    private int seen;

    /**
     * @param seenAtStart   events in the finalized state when the node starts: older ones are never sent
     * @param queueCapacity events a stream may fall behind before it is closed with RESOURCE_EXHAUSTED
     * @param maxStreams    concurrent StreamSlashingEvents calls; more are refused with RESOURCE_EXHAUSTED
     * @param delivery      runs the sends; one thread is enough
     */
    public SlashingEventFeed(int seenAtStart, int queueCapacity, int maxStreams, Executor delivery) {
        if (seenAtStart < 0) {
            throw new IllegalArgumentException("start count must not be negative: " + seenAtStart);
        }
        this.seen = seenAtStart;
        this.streams = new StreamFanOut<>("slashing events", "read what was missed with ListSlashingEvents",
                queueCapacity, maxStreams, delivery);
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
        streams.publish(added);
    }

    public void subscribe(ServerCallStreamObserver<FinalizedSlashingEvent> observer) {
        streams.subscribe(observer);
    }

    /** Live streams, for tests and metrics. */
    public int streamCount() {
        return streams.streamCount();
    }

    /** Ends every stream with UNAVAILABLE so a graceful server shutdown does not wait for them. */
    @Override
    public void close() {
        streams.close();
    }
}
