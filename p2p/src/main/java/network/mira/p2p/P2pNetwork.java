package network.mira.p2p;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.frame.FrameSealer;
import network.mira.p2p.handshake.HandshakeException;
import network.mira.p2p.handshake.LocalNode;
import network.mira.p2p.handshake.RefusalReason;
import network.mira.p2p.metrics.P2pMetrics;
import network.mira.p2p.metrics.P2pMetrics.DropReason;
import network.mira.p2p.peer.Backoff;
import network.mira.p2p.peer.BanList;
import network.mira.p2p.peer.Peer;
import network.mira.p2p.peer.PeerDiscipline;
import network.mira.p2p.peer.PeerRegistry;
import network.mira.p2p.peer.PeerScores;
import network.mira.p2p.peer.PersistentPeers;
import network.mira.p2p.pex.AddressBook;
import network.mira.p2p.pex.PexService;
import network.mira.p2p.proto.Envelope;
import network.mira.p2p.transport.ChannelSetup;
import network.mira.p2p.transport.Dialer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The p2p layer as the node sees it: authenticated, encrypted connections to peers, addressed by
 * identity key, carrying opaque payloads on numbered channels. See docs/p2p.md.
 *
 * <p>Threading: every public method may be called from any thread and never blocks on the network
 * ({@link #start()} and {@link #close()} wait for the socket to bind / the event loops to stop).
 * Handlers and listeners run on Netty event-loop threads.
 */
public final class P2pNetwork implements AutoCloseable {
    /** Reserved for peer exchange. */
    public static final int PEX_CHANNEL = PexService.CHANNEL;
    public static final int MIN_CHANNEL = 1;
    public static final int MAX_CHANNEL = P2pMetrics.MAX_TAGGED_CHANNEL;
    /** How often persistent peers are checked and peer exchange tops up outbound peers. */
    static final long MAINTENANCE_INTERVAL_SECONDS = 5;
    /** Connections accepted but not yet through the handshake; more are closed at once. */
    static final int MIN_PENDING_INBOUND_HANDSHAKES = 64;
    static final int IO_THREADS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private static final Logger log = LoggerFactory.getLogger(P2pNetwork.class);

    private final P2pSettings settings;
    private final P2pMetrics metrics;
    private final PeerRegistry registry;
    private final PeerDiscipline discipline;
    private final InboundRouter router;
    private final Sessions sessions;
    private final AddressBook addressBook;
    private final Set<PublicKey> persistentIds = ConcurrentHashMap.newKeySet();
    private final List<AddressBook.Entry> persistentBeforeStart = new ArrayList<>();
    private final AtomicInteger pendingInbound = new AtomicInteger();
    private EventLoopGroup group;
    private Channel server;
    private Dialer dialer;
    private PersistentPeers persistent;
    private PexService pex;
    private volatile int boundPort;
    private volatile boolean started;
    private volatile boolean closed;

    public P2pNetwork(P2pSettings settings, MeterRegistry meterRegistry) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = new P2pMetrics(Objects.requireNonNull(meterRegistry, "meterRegistry"));
        PublicKey self = settings.identity().publicKey();
        this.registry = new PeerRegistry(self, settings.maxInbound(), persistentIds::contains);
        this.discipline = new PeerDiscipline(new PeerScores(), new BanList(), registry, settings.banDuration(), metrics,
                System::nanoTime);
        this.router = new InboundRouter(metrics, discipline);
        this.sessions = new Sessions(settings, metrics, registry, discipline, router, System::nanoTime,
                Clock.systemUTC());
        this.addressBook = new AddressBook(self);
        metrics.peersGauge(registry, r -> r.count(Direction.INBOUND), r -> r.count(Direction.OUTBOUND));
    }

    /**
     * Binds the listen socket and starts dialing persistent peers.
     *
     * @return the bound port (useful with listen port 0)
     * @throws IllegalStateException if already started or closed, or the address cannot be bound
     */
    public synchronized int start() {
        if (started || closed) {
            throw new IllegalStateException("p2p network already " + (closed ? "closed" : "started"));
        }
        started = true;
        group = new MultiThreadIoEventLoopGroup(IO_THREADS, NioIoHandler.newFactory());
        ChannelSetup setup = new ChannelSetup(this::localNode, settings.handshakeTimeout(), sessions, metrics,
                new SecureRandom());
        dialer = new Dialer(group, setup, settings.handshakeTimeout());
        persistent = new PersistentPeers(dialer, registry::isConnected, group,
                new Backoff(settings.reconnectBackoffBase(), settings.reconnectBackoffMax()));
        sessions.addListener(persistent);
        pex = new PexService(addressBook, registry, discipline, dialer,
                () -> settings.maxOutbound() - registry.count(Direction.OUTBOUND));
        sessions.setPex(pex);
        router.setPex(pex);
        bind(setup);
        group.scheduleWithFixedDelay(this::maintain, MAINTENANCE_INTERVAL_SECONDS, MAINTENANCE_INTERVAL_SECONDS,
                TimeUnit.SECONDS);
        persistentBeforeStart.forEach(entry -> persistent.add(entry.id(), entry.host(), entry.port()));
        persistentBeforeStart.clear();
        log.info("p2p listening on {}:{} as {}", settings.listenHost(), boundPort, settings.identity().peerId());
        return boundPort;
    }

    public PublicKey localId() {
        return settings.identity().publicKey();
    }

    /** The bound listen port; 0 before {@link #start()}. */
    public int port() {
        return boundPort;
    }

    /**
     * Keeps a connection to this peer forever: dialed now (or at start), redialed with exponential
     * backoff and jitter after every loss or failure. Admitted inbound even beyond max inbound. Our
     * own id is ignored, so every validator can be given the same list.
     */
    public synchronized void addPersistentPeer(PublicKey id, String host, int port) {
        Objects.requireNonNull(id, "id");
        requireAddress(host, port);
        if (id.equals(localId())) {
            log.info("persistent peer {} is this node; ignored", id);
            return;
        }
        persistentIds.add(id);
        if (persistent == null) {
            persistentBeforeStart.add(new AddressBook.Entry(id, host, port));
        } else {
            persistent.add(id, host, port);
        }
    }

    /** One dial to a seed or an address of unknown identity; no redial. */
    public CompletableFuture<PeerInfo> connect(String host, int port) {
        return connect(null, host, port);
    }

    /**
     * One dial that must reach {@code expected} (refused with UNEXPECTED_PEER otherwise).
     *
     * @return completes with the new peer, or exceptionally with a {@link HandshakeException} (its
     *     {@link HandshakeException#reason()} says why) or the connect error
     */
    public CompletableFuture<PeerInfo> connect(PublicKey expected, String host, int port) {
        requireAddress(host, port);
        requireStarted();
        return dialer.dial(expected, host, port).thenApply(id -> registry.get(id)
                .map(peer -> peer.info(discipline.score(id)))
                .orElseThrow(() -> new CompletionException(
                        new HandshakeException(RefusalReason.CLOSED, "peer disconnected right after the handshake"))));
    }

    /**
     * Queues one message for one peer; never blocks. The payload is copied.
     *
     * @param channel {@value #MIN_CHANNEL}..{@value #MAX_CHANNEL}
     */
    public SendResult send(PublicKey peer, int channel, byte[] payload) {
        Envelope envelope = envelope(channel, payload);
        if (tooLarge(envelope)) {
            return SendResult.TOO_LARGE;
        }
        return registry.get(peer).map(p -> sendTo(p, envelope)).orElse(SendResult.NOT_CONNECTED);
    }

    /** @return how many peers queued it */
    public int broadcast(int channel, byte[] payload) {
        return broadcastExcept(null, channel, payload);
    }

    /** For re-gossip: to every peer but the one it came from (null = none excluded). */
    public int broadcastExcept(PublicKey except, int channel, byte[] payload) {
        Envelope envelope = envelope(channel, payload);
        if (tooLarge(envelope)) {
            return 0;
        }
        int queued = 0;
        for (Peer peer : registry.all()) {
            if (!peer.id().equals(except) && sendTo(peer, envelope) == SendResult.QUEUED) {
                queued++;
            }
        }
        return queued;
    }

    /** One handler per channel; see {@link MessageHandler} for the threading contract. */
    public void registerHandler(int channel, MessageHandler handler) {
        requireChannel(channel);
        router.register(channel, Objects.requireNonNull(handler, "handler"));
    }

    public void addPeerListener(PeerListener listener) {
        sessions.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /** A snapshot, ordered by peer id. */
    public List<PeerInfo> peers() {
        return registry.all().stream().map(peer -> peer.info(discipline.score(peer.id())))
                .sorted(Comparator.comparing(PeerInfo::id)).toList();
    }

    /**
     * Lowers a peer's score, e.g. for an invalid block or vote it relayed. At
     * {@value PeerScores#BAN_SCORE} the peer is disconnected and banned for the ban duration.
     *
     * @return the new score
     */
    public int penalize(PublicKey peer, String reason, int points) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(reason, "reason");
        if (points <= 0) {
            throw new IllegalArgumentException("penalty points must be positive: " + points);
        }
        return discipline.penalize(peer, reason, points);
    }

    /** 0 = neutral; also for peers never seen. */
    public int score(PublicKey peer) {
        return discipline.score(peer);
    }

    public boolean isBanned(PublicKey peer) {
        return discipline.isBanned(peer);
    }

    /**
     * Stops dialing, closes every connection and the listen socket, and stops the event loops. Waits
     * without holding this object's lock, so a handler calling into the network cannot deadlock it.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (persistent != null) {
            persistent.close();
        }
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        registry.all().forEach(Peer::close);
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        log.info("p2p stopped");
    }

    private void bind(ChannelSetup setup) {
        int pendingLimit = Math.max(MIN_PENDING_INBOUND_HANDSHAKES, settings.maxInbound());
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                // A restarted node must get its port back while old connections sit in TIME_WAIT.
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (pendingInbound.incrementAndGet() > pendingLimit) {
                            pendingInbound.decrementAndGet();
                            metrics.handshakeFailure(RefusalReason.TOO_MANY_PEERS, false);
                            channel.close();
                            return;
                        }
                        setup.initHandshake(channel, Direction.INBOUND, null)
                                .whenComplete((id, failure) -> pendingInbound.decrementAndGet());
                    }
                });
        try {
            server = bootstrap.bind(settings.listenHost(), settings.listenPort()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            closed = true;
            throw new IllegalStateException("cannot listen on " + settings.listenHost() + ":" + settings.listenPort()
                    + ": " + e.getMessage(), e);
        }
        boundPort = ((InetSocketAddress) server.localAddress()).getPort();
    }

    private void maintain() {
        try {
            persistent.ensureDialing();
            pex.dialMore();
        } catch (RuntimeException e) {
            log.warn("p2p maintenance failed", e);
        }
    }

    private LocalNode localNode() {
        return new LocalNode(settings.identity(), settings.chainId(), settings.genesisHash(), boundPort);
    }

    private SendResult sendTo(Peer peer, Envelope envelope) {
        SendResult result = peer.send(envelope);
        if (result == SendResult.QUEUE_FULL) {
            metrics.dropped(DropReason.QUEUE_FULL);
        }
        return result;
    }

    private Envelope envelope(int channel, byte[] payload) {
        requireChannel(channel);
        Objects.requireNonNull(payload, "payload");
        return Envelope.newBuilder().setChannel(channel).setPayload(ByteString.copyFrom(payload)).build();
    }

    private boolean tooLarge(Envelope envelope) {
        if ((long) envelope.getSerializedSize() + FrameSealer.TAG_BYTES > settings.maxFrameBytes()) {
            metrics.dropped(DropReason.TOO_LARGE);
            return true;
        }
        return false;
    }

    private void requireStarted() {
        if (!started || closed) {
            throw new IllegalStateException("p2p network is " + (closed ? "closed" : "not started"));
        }
    }

    private static void requireChannel(int channel) {
        if (channel < MIN_CHANNEL || channel > MAX_CHANNEL) {
            throw new IllegalArgumentException(
                    "channel must be " + MIN_CHANNEL + ".." + MAX_CHANNEL + " (0 is peer exchange), got " + channel);
        }
    }

    private static void requireAddress(String host, int port) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
    }
}
