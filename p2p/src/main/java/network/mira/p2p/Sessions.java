package network.mira.p2p;

import io.netty.channel.Channel;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.frame.FrameSealer;
import network.mira.p2p.frame.ProtocolViolationException;
import network.mira.p2p.handshake.HandshakeException;
import network.mira.p2p.handshake.Hello;
import network.mira.p2p.handshake.RefusalReason;
import network.mira.p2p.handshake.SessionKeys;
import network.mira.p2p.metrics.P2pMetrics;
import network.mira.p2p.peer.Peer;
import network.mira.p2p.peer.PeerDiscipline;
import network.mira.p2p.peer.PeerRegistry;
import network.mira.p2p.peer.TokenBucket;
import network.mira.p2p.pex.PexService;
import network.mira.p2p.proto.Envelope;
import network.mira.p2p.transport.ChannelSetup;
import network.mira.p2p.transport.HandshakeListener;
import network.mira.p2p.transport.PeerEvents;
import network.mira.p2p.transport.PeerHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Glue between connections and the node's peer state: admits and registers handshaken
 * connections, announces peers, routes their messages and reacts to their violations.
 */
final class Sessions implements HandshakeListener, PeerEvents {
    private static final Logger log = LoggerFactory.getLogger(Sessions.class);

    private final P2pSettings settings;
    private final P2pMetrics metrics;
    private final PeerRegistry registry;
    private final PeerDiscipline discipline;
    private final InboundRouter router;
    private final LongSupplier nanoClock;
    private final Clock wallClock;
    private final List<PeerListener> listeners = new CopyOnWriteArrayList<>();
    private PexService pex;

    Sessions(P2pSettings settings, P2pMetrics metrics, PeerRegistry registry, PeerDiscipline discipline,
            InboundRouter router, LongSupplier nanoClock, Clock wallClock) {
        this.settings = settings;
        this.metrics = metrics;
        this.registry = registry;
        this.discipline = discipline;
        this.router = router;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
    }

    void setPex(PexService pex) {
        this.pex = pex;
    }

    void addListener(PeerListener listener) {
        listeners.add(listener);
    }

    @Override
    public Optional<RefusalReason> admit(PublicKey peer, Direction direction) {
        if (discipline.isBanned(peer)) {
            return Optional.of(RefusalReason.BANNED);
        }
        return registry.admit(peer, direction);
    }

    @Override
    public Optional<RefusalReason> established(Channel channel, Direction direction, Hello peerHello, SessionKeys keys) {
        if (discipline.isBanned(peerHello.identity())) {
            return Optional.of(RefusalReason.BANNED);
        }
        Peer peer = new Peer(peerHello.identity(), direction, channel, peerHello.listenPort(), wallClock.instant(),
                new TokenBucket(settings.inboundMessagesPerSecond(), settings.inboundBurstMessages(), nanoClock),
                settings.outboundQueueMessages(), outboundQueueBytes(settings));
        PeerRegistry.Registration registration = registry.register(peer);
        if (registration.refusal().isPresent()) {
            return registration.refusal();
        }
        ChannelSetup.installSession(channel, keys, settings.maxFrameBytes(), metrics, new PeerHandler(peer, this));
        if (registration.replaced() != null) {
            log.debug("replacing connection {} with {} (simultaneous dial)", registration.replaced(), peer);
            registration.replaced().close();
        }
        log.info("peer connected: {}", peer);
        if (registration.firstConnection()) {
            PeerInfo info = peer.info(discipline.score(peer.id()));
            listeners.forEach(listener -> notify(() -> listener.onPeerConnected(info)));
        }
        pex.onConnected(peer);
        return Optional.empty();
    }

    @Override
    public void failed(Direction direction, HandshakeException failure) {
        metrics.handshakeFailure(failure.reason(), failure.byPeer());
        log.debug("{} handshake failed: {}", direction.tag(), failure.getMessage());
    }

    @Override
    public void onMessage(Peer peer, Envelope envelope) {
        router.route(peer, envelope);
    }

    @Override
    public void onViolation(Peer peer, ProtocolViolationException violation) {
        metrics.violation(violation.violation());
        discipline.penalize(peer.id(), violation.getMessage(), violation.violation().penaltyPoints());
    }

    @Override
    public void onDisconnected(Peer peer) {
        if (registry.unregister(peer)) {
            log.info("peer disconnected: {}", peer);
            listeners.forEach(listener -> notify(() -> listener.onPeerDisconnected(peer.id())));
        }
    }

    /**
     * Bytes bound of a peer's outbound queue: four maximum frames, so one huge block never starves
     * while the total stays bounded however many messages are queued.
     */
    static long outboundQueueBytes(P2pSettings settings) {
        return 4L * settings.maxFrameBytes() + FrameSealer.TAG_BYTES;
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("peer listener failed", e);
        }
    }
}
