package network.mira.rpc;

import static network.mira.rpc.RpcAssertions.errorInfo;
import static network.mira.settlement.staking.StakingFixtures.identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import network.mira.core.crypto.Hash;
import network.mira.rpc.service.StakingGrpcService;
import network.mira.rpc.service.StakingSnapshot;
import network.mira.rpc.stream.SlashingEventFeed;
import network.mira.rpc.v1.FinalizedSlashingEvent;
import network.mira.rpc.v1.SlashingReason;
import network.mira.rpc.v1.StakingServiceGrpc;
import network.mira.rpc.v1.StreamSlashingEventsRequest;
import network.mira.settlement.staking.Slashing;
import network.mira.settlement.staking.StakingState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * StreamSlashingEvents over real gRPC: the feed is given stake states as finalized blocks would give
 * them, and each stream receives exactly the events that appeared after it subscribed, once, in order,
 * with the height at which they became final.
 */
class SlashingEventStreamTest {
    private static final StakingState NONE = StakingFixture.genesis();
    /** Validator 2 double-signed at height 5: one event. */
    private static final StakingState ONE = StakingFixture.applied(Slashing.slashDoubleSign(NONE, identity(2), 5,
            Hash.sha256(new byte[] {1})));
    /** Then validator 1 at height 6: two events. */
    private static final StakingState TWO = StakingFixture.applied(Slashing.slashDoubleSign(ONE, identity(1), 6,
            Hash.sha256(new byte[] {2})));

    private final ExecutorService delivery = Executors.newSingleThreadExecutor();
    private final AtomicReference<Optional<StakingSnapshot>> view =
            new AtomicReference<>(Optional.of(StakingSnapshot.finalized(NONE, 0)));
    private SlashingEventFeed feed;
    private GrpcServer server;
    private ManagedChannel channel;

    private void start(int queueCapacity, int maxStreams, Executor executor) throws Exception {
        feed = new SlashingEventFeed(0, queueCapacity, maxStreams, executor);
        server = new GrpcServer(GrpcServer.Settings.defaults("127.0.0.1", 0),
                List.of(new StakingGrpcService(view::get, epoch -> List.of(), feed)), new SimpleMeterRegistry());
        server.start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (feed != null) {
            feed.close();
        }
        if (server != null) {
            server.close();
        }
        delivery.shutdownNow();
    }

    private Collector subscribe() {
        Collector collector = new Collector();
        StakingServiceGrpc.newStub(channel).streamSlashingEvents(StreamSlashingEventsRequest.getDefaultInstance(),
                collector);
        return collector;
    }

    private Collector subscribed() throws InterruptedException {
        Collector collector = subscribe();
        Await.until(() -> feed.streamCount() == 1, "the stream to subscribe");
        return collector;
    }

    private void finalize(StakingState state, long height) {
        feed.onState(StakingSnapshot.finalized(state, height));
    }

    @Test
    void newEventsArriveOnceWithTheHeightAtWhichTheyBecameFinal() throws Exception {
        start(16, 4, delivery);
        Collector stream = subscribed();
        finalize(NONE, 1);
        finalize(ONE, 2);
        finalize(ONE, 3);
        finalize(TWO, 4);

        FinalizedSlashingEvent first = stream.next();
        assertThat(first.getIndex()).isZero();
        assertThat(first.getFinalizedHeight()).isEqualTo(2);
        assertThat(first.getEvent().getValidator()).isEqualTo(identity(2).toBase58());
        assertThat(first.getEvent().getReason()).isEqualTo(SlashingReason.SLASHING_REASON_DOUBLE_SIGN);
        assertThat(first.getEvent().getHeight()).isEqualTo(5);
        FinalizedSlashingEvent second = stream.next();
        assertThat(second.getIndex()).as("nothing was sent for height 3, which added nothing").isEqualTo(1);
        assertThat(second.getFinalizedHeight()).isEqualTo(4);
        assertThat(second.getEvent().getValidator()).isEqualTo(identity(1).toBase58());
        stream.cancel();
    }

    @Test
    void eventsFinalBeforeSubscribingAreNotSent() throws Exception {
        start(16, 4, delivery);
        finalize(ONE, 2);
        Collector stream = subscribed();
        finalize(TWO, 3);

        FinalizedSlashingEvent only = stream.next();
        assertThat(only.getIndex()).isEqualTo(1);
        assertThat(only.getFinalizedHeight()).isEqualTo(3);
        stream.cancel();
    }

    @Test
    void aBlockWhoseEventsDoNotFitClosesTheStreamAsTooSlow() throws Exception {
        try (GateExecutor stalled = new GateExecutor()) {
            start(1, 4, stalled);
            Collector stream = subscribed();
            finalize(TWO, 2);
            stalled.open();

            StatusRuntimeException error = stream.error();
            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(errorInfo(error).getReason()).isEqualTo("STREAM_TOO_SLOW");
            assertThat(error.getStatus().getDescription()).contains("more than 1 slashing events behind");
            Await.until(() -> feed.streamCount() == 0, "the slow stream to be dropped");
        }
    }

    @Test
    void streamsBeyondTheLimitAreRefusedAndCancelledOnesDropped() throws Exception {
        start(16, 1, delivery);
        Collector first = subscribed();
        StatusRuntimeException refused = subscribe().error();
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(errorInfo(refused).getReason()).isEqualTo("TOO_MANY_STREAMS");
        first.cancel();
        Await.until(() -> feed.streamCount() == 0, "the cancelled stream to be dropped");
        finalize(ONE, 2);
    }

    @Test
    void closingTheFeedEndsStreamsWithShuttingDown() throws Exception {
        start(16, 4, delivery);
        Collector stream = subscribed();
        feed.close();

        StatusRuntimeException error = stream.error();
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(errorInfo(error).getReason()).isEqualTo("SHUTTING_DOWN");
        assertThat(subscribe().error().getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void aChainWithoutStakingRefusesTheStream() throws Exception {
        start(16, 4, delivery);
        view.set(Optional.empty());

        StatusRuntimeException error = subscribe().error();
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(errorInfo(error).getReason()).isEqualTo(StakingGrpcService.STAKING_NOT_ENABLED);
        assertThat(feed.streamCount()).isZero();
    }

    @Test
    void aStateWithFewerEventsThanSeenIsABug() throws Exception {
        start(16, 4, delivery);
        finalize(TWO, 2);
        assertThatThrownBy(() -> finalize(ONE, 3)).isInstanceOf(IllegalStateException.class)
                .hasMessage("slashing events only grow, but the state at height 3 holds 1 after 2");
    }

    /** Client side of StreamSlashingEvents: what arrived, in order; the waits only guard against a hang. */
    private static final class Collector
            implements ClientResponseObserver<StreamSlashingEventsRequest, FinalizedSlashingEvent> {
        private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        private volatile ClientCallStreamObserver<StreamSlashingEventsRequest> call;

        @Override
        public void beforeStart(ClientCallStreamObserver<StreamSlashingEventsRequest> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(FinalizedSlashingEvent event) {
            events.add(event);
        }

        @Override
        public void onError(Throwable error) {
            events.add(error);
        }

        @Override
        public void onCompleted() {
            events.add("completed");
        }

        FinalizedSlashingEvent next() throws InterruptedException {
            Object event = nextEvent();
            if (!(event instanceof FinalizedSlashingEvent finalized)) {
                throw new AssertionError("expected a slashing event, got " + event);
            }
            return finalized;
        }

        StatusRuntimeException error() throws InterruptedException {
            Object event = nextEvent();
            if (!(event instanceof StatusRuntimeException error)) {
                throw new AssertionError("expected the stream to fail, got " + event);
            }
            return error;
        }

        void cancel() {
            call.cancel("test is done with the stream", null);
        }

        private Object nextEvent() throws InterruptedException {
            Object event = events.poll(30, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("nothing arrived on the slashing event stream within 30 s");
            }
            return event;
        }
    }
}
