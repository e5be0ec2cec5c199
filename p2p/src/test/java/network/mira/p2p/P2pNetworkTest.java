package network.mira.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.TestNodes.Node;
import network.mira.p2p.handshake.HandshakeException;
import network.mira.p2p.handshake.RefusalReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real networks on 127.0.0.1, real sockets and crypto. */
class P2pNetworkTest {
    private final TestNodes nodes = new TestNodes();

    @AfterEach
    void closeAll() {
        nodes.close();
    }

    /** A message as a handler saw it. */
    record Received(PublicKey from, int channel, String text) {
    }

    private static List<Received> collect(Node node, int... channels) {
        List<Received> received = new CopyOnWriteArrayList<>();
        for (int channel : channels) {
            node.network().registerHandler(channel, (from, payload) ->
                    received.add(new Received(from, channel, new String(payload, StandardCharsets.UTF_8))));
        }
        return received;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static PeerInfo connect(Node from, Node to) throws Exception {
        return from.network().connect(to.id(), "127.0.0.1", to.port()).get(10, TimeUnit.SECONDS);
    }

    private static HandshakeException refusal(CompletableFuture<PeerInfo> dial) {
        try {
            dial.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(HandshakeException.class);
            return (HandshakeException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the dial succeeded");
    }

    @Test
    void handshakeSucceedsAndMessagesFlowBothWaysOnSeveralChannels() throws Exception {
        Node a = nodes.start();
        Node b = nodes.start();
        List<Received> atA = collect(a, 1, 2);
        List<Received> atB = collect(b, 1, 2);

        PeerInfo bAsSeenByA = connect(a, b);
        assertThat(bAsSeenByA.id()).isEqualTo(b.id());
        assertThat(bAsSeenByA.direction()).isEqualTo(Direction.OUTBOUND);
        Await.until("b sees a", () -> b.isConnectedTo(a));
        PeerInfo aAsSeenByB = b.network().peers().get(0);
        assertThat(aAsSeenByB.direction()).isEqualTo(Direction.INBOUND);
        assertThat(aAsSeenByB.listenPort()).isEqualTo(a.port());
        assertThat(aAsSeenByB.score()).isZero();

        assertThat(a.network().send(b.id(), 1, text("a1"))).isEqualTo(SendResult.QUEUED);
        assertThat(a.network().send(b.id(), 2, text("a2"))).isEqualTo(SendResult.QUEUED);
        assertThat(b.network().send(a.id(), 2, text("b2"))).isEqualTo(SendResult.QUEUED);
        assertThat(b.network().broadcast(1, text("b1"))).isEqualTo(1);

        Await.until("b got both", () -> atB.size() == 2);
        Await.until("a got both", () -> atA.size() == 2);
        assertThat(atB).containsExactly(new Received(a.id(), 1, "a1"), new Received(a.id(), 2, "a2"));
        assertThat(atA).containsExactlyInAnyOrder(new Received(b.id(), 2, "b2"), new Received(b.id(), 1, "b1"));
        assertThat(a.gauge("mira_p2p_peers", "direction", "outbound")).isEqualTo(1);
        assertThat(b.gauge("mira_p2p_peers", "direction", "inbound")).isEqualTo(1);
        assertThat(b.counter("mira_p2p_messages", "direction", "inbound", "channel", "1")).isEqualTo(1);
        assertThat(a.counter("mira_p2p_messages", "direction", "outbound", "channel", "2")).isEqualTo(1);
        assertThat(a.counter("mira_p2p_bytes", "direction", "outbound")).isPositive();
        assertThat(a.network().send(NodeIdentity.generate().publicKey(), 1, text("x")))
                .isEqualTo(SendResult.NOT_CONNECTED);
    }

    @Test
    void broadcastExceptSkipsTheSource() throws Exception {
        Node hub = nodes.start();
        Node left = nodes.start();
        Node right = nodes.start();
        List<Received> atLeft = collect(left, 3);
        List<Received> atRight = collect(right, 3);
        connect(left, hub);
        connect(right, hub);
        Await.until("hub has two peers", () -> hub.network().peers().size() == 2);
        assertThat(hub.network().broadcastExcept(left.id(), 3, text("gossip"))).isEqualTo(1);
        Await.until("right got it", () -> atRight.size() == 1);
        assertThat(atLeft).isEmpty();
    }

    @Test
    void refusesWrongChainOnBothSides() {
        Node a = nodes.start();
        Node b = nodes.start(s -> P2pSettings.builder("other-chain", TestNodes.GENESIS, NodeIdentity.generate())
                .listen("127.0.0.1", 0));
        HandshakeException e = refusal(a.network().connect("127.0.0.1", b.port()));
        assertThat(e.reason()).isEqualTo(RefusalReason.WRONG_CHAIN);
        assertThat(a.counter("mira_p2p_handshake_failures", "reason", "WRONG_CHAIN", "origin", "local")).isEqualTo(1);
        Await.until("b counted it", () ->
                b.counter("mira_p2p_handshake_failures", "reason", "WRONG_CHAIN", "origin", "local") == 1);
        assertThat(a.network().peers()).isEmpty();
    }

    @Test
    void refusesWrongGenesis() {
        Node a = nodes.start();
        Node b = nodes.start(s -> P2pSettings.builder(TestNodes.CHAIN, network.mira.core.crypto.Hash.ZERO,
                NodeIdentity.generate()).listen("127.0.0.1", 0));
        assertThat(refusal(a.network().connect("127.0.0.1", b.port())).reason()).isEqualTo(RefusalReason.WRONG_GENESIS);
        assertThat(a.counter("mira_p2p_handshake_failures", "reason", "WRONG_GENESIS", "origin", "local")).isEqualTo(1);
    }

    @Test
    void refusesConnectionToItself() {
        Node a = nodes.start();
        assertThat(refusal(a.network().connect("127.0.0.1", a.port())).reason())
                .isEqualTo(RefusalReason.SELF_CONNECTION);
        assertThat(a.network().peers()).isEmpty();
    }

    @Test
    void refusesAPeerPresentingAnotherKeyThanDialed() {
        Node a = nodes.start();
        Node b = nodes.start();
        PublicKey expected = NodeIdentity.generate().publicKey();
        assertThat(refusal(a.network().connect(expected, "127.0.0.1", b.port())).reason())
                .isEqualTo(RefusalReason.UNEXPECTED_PEER);
        Await.until("b learned why", () ->
                b.counter("mira_p2p_handshake_failures", "reason", "UNEXPECTED_PEER", "origin", "remote") == 1);
    }

    @Test
    void refusesASecondConnectionToTheSamePeer() throws Exception {
        Node a = nodes.start();
        Node b = nodes.start();
        connect(a, b);
        assertThat(refusal(a.network().connect("127.0.0.1", b.port())).reason()).isEqualTo(RefusalReason.DUPLICATE_PEER);
        assertThat(a.network().peers()).hasSize(1);
    }

    @Test
    void enforcesMaxInbound() throws Exception {
        Node hub = nodes.start(s -> s.maxInbound(1));
        Node first = nodes.start();
        Node second = nodes.start();
        connect(first, hub);
        HandshakeException e = refusal(second.network().connect("127.0.0.1", hub.port()));
        assertThat(e.reason()).isEqualTo(RefusalReason.TOO_MANY_PEERS);
        assertThat(e.byPeer()).isTrue();
        assertThat(hub.counter("mira_p2p_handshake_failures", "reason", "TOO_MANY_PEERS", "origin", "local"))
                .isEqualTo(1);
        assertThat(hub.network().peers()).extracting(PeerInfo::id).containsExactly(first.id());
    }

    @Test
    void penalizedPeerIsDisconnectedBannedAndRefused() throws Exception {
        Node a = nodes.start();
        Node b = nodes.start();
        connect(a, b);
        Await.until("b sees a", () -> b.isConnectedTo(a));
        assertThat(b.network().penalize(a.id(), "invalid block", 30)).isEqualTo(-30);
        assertThat(b.network().score(a.id())).isEqualTo(-30);
        assertThat(b.isConnectedTo(a)).isTrue();

        b.network().penalize(a.id(), "invalid block again", 80);
        assertThat(b.network().isBanned(a.id())).isTrue();
        Await.until("a lost b", () -> !a.isConnectedTo(b));
        assertThat(b.counter("mira_p2p_bans")).isEqualTo(1);

        HandshakeException dialIn = refusal(a.network().connect("127.0.0.1", b.port()));
        assertThat(dialIn.reason()).isEqualTo(RefusalReason.BANNED);
        assertThat(dialIn.byPeer()).isTrue();
        assertThat(refusal(b.network().connect("127.0.0.1", a.port())).reason()).isEqualTo(RefusalReason.BANNED);
    }

    @Test
    void banExpires() throws Exception {
        Node a = nodes.start();
        Node b = nodes.start(s -> s.banDuration(Duration.ofMillis(200)));
        b.network().penalize(a.id(), "test", 1000);
        assertThat(b.network().isBanned(a.id())).isTrue();
        Await.until("ban over", () -> !b.network().isBanned(a.id()));
        connect(a, b);
    }

    @Test
    void persistentPeerIsRedialedAfterTheRemoteRestarts() throws Exception {
        Node a = nodes.start();
        NodeIdentity bIdentity = NodeIdentity.generate();
        Node b = nodes.start(bIdentity, s -> s);
        AtomicInteger connects = new AtomicInteger();
        a.network().addPeerListener(new PeerListener() {
            @Override
            public void onPeerConnected(PeerInfo peer) {
                connects.incrementAndGet();
            }

            @Override
            public void onPeerDisconnected(PublicKey peer) {
            }
        });
        a.network().addPersistentPeer(a.id(), "127.0.0.1", a.port()); // self: ignored
        a.network().addPersistentPeer(b.id(), "127.0.0.1", b.port());
        Await.until("a dialed b", () -> a.isConnectedTo(b));

        b.network().close();
        Await.until("a noticed", () -> !a.isConnectedTo(b));
        Node restarted = nodes.start(bIdentity, s -> s.listen("127.0.0.1", b.port()));
        Await.until("a redialed b", () -> a.isConnectedTo(restarted));
        Await.until("connected announced twice", () -> connects.get() == 2);
        assertThat(a.network().peers()).singleElement().satisfies(p -> assertThat(p.direction()).isEqualTo(Direction.OUTBOUND));
    }

    @Test
    void persistentPeerThatIsDownAtFirstIsDialedWhenItComesUp() throws Exception {
        NodeIdentity bIdentity = NodeIdentity.generate();
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Node a = nodes.start();
        a.network().addPersistentPeer(bIdentity.publicKey(), "127.0.0.1", port);
        Node b = nodes.start(bIdentity, s -> s.listen("127.0.0.1", port));
        Await.until("a connected to b", () -> a.isConnectedTo(b));
    }

    @Test
    void fullOutboundQueueDropsTheNewestAndCountsInsteadOfBlocking() throws Exception {
        Node a = nodes.start(s -> s.outboundQueueMessages(4));
        Node b = nodes.start();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger delivered = new AtomicInteger();
        b.network().registerHandler(1, (from, payload) -> {
            if (delivered.getAndIncrement() == 0) {
                awaitQuietly(release); // a stuck consumer: b stops reading this connection
            }
        });
        connect(a, b);
        byte[] big = new byte[256 * 1024];
        int queued = 0;
        int dropped = 0;
        for (int i = 0; i < 200; i++) {
            SendResult result = a.network().send(b.id(), 1, big);
            if (result == SendResult.QUEUED) {
                queued++;
            } else {
                assertThat(result).isEqualTo(SendResult.QUEUE_FULL);
                dropped++;
            }
        }
        release.countDown();
        assertThat(dropped).isPositive();
        assertThat(a.counter("mira_p2p_dropped_messages", "reason", "queue_full")).isEqualTo(dropped);
        int expected = queued;
        Await.until("every queued message arrives", () -> delivered.get() == expected);
        assertThat(a.isConnectedTo(b)).isTrue();
    }

    @Test
    void tooLargeMessageIsRefusedAtTheSender() throws Exception {
        Node a = nodes.start(s -> s.maxFrameBytes(64 * 1024));
        Node b = nodes.start();
        connect(a, b);
        assertThat(a.network().send(b.id(), 1, new byte[64 * 1024])).isEqualTo(SendResult.TOO_LARGE);
        assertThat(a.counter("mira_p2p_dropped_messages", "reason", "too_large")).isEqualTo(1);
    }

    @Test
    void floodingPeerIsPenalizedThenBannedAndDisconnected() throws Exception {
        Node flooder = nodes.start();
        Node victim = nodes.start(s -> s.inboundRateLimit(10, 10));
        AtomicInteger handled = new AtomicInteger();
        victim.network().registerHandler(1, (from, payload) -> handled.incrementAndGet());
        connect(flooder, victim);
        for (int i = 0; i < 300; i++) {
            flooder.network().send(victim.id(), 1, new byte[] {1});
        }
        Await.until("victim banned the flooder", () -> victim.network().isBanned(flooder.id()));
        Await.until("flooder disconnected", () -> !flooder.isConnectedTo(victim));
        assertThat(victim.counter("mira_p2p_dropped_messages", "reason", "rate_limited")).isGreaterThanOrEqualTo(100);
        assertThat(handled.get()).isLessThan(300);
    }

    @Test
    void peerExchangeLeadsToNewOutboundConnections() throws Exception {
        Node hub = nodes.start();
        Node early = nodes.start();
        Node late = nodes.start();
        connect(early, hub);
        Await.until("hub sees early", () -> hub.isConnectedTo(early));
        connect(late, hub);
        Await.until("late learned of early and dialed it", () -> late.isConnectedTo(early));
        assertThat(late.network().peers()).filteredOn(p -> p.id().equals(early.id()))
                .singleElement().satisfies(p -> assertThat(p.direction()).isEqualTo(Direction.OUTBOUND));
    }

    @Test
    void closeDisconnectsPeersAndRefusesFurtherUse() throws Exception {
        Node a = nodes.start();
        Node b = nodes.start();
        connect(a, b);
        a.network().close();
        a.network().close();
        Await.until("b noticed", () -> b.network().peers().isEmpty());
        assertThatThrownBy(() -> a.network().connect("127.0.0.1", b.port())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> a.network().send(b.id(), 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
