package network.mira.p2p.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.Direction;
import network.mira.p2p.frame.FrameDecoder;
import network.mira.p2p.frame.FrameOpener;
import network.mira.p2p.frame.FrameSealer;
import network.mira.p2p.handshake.Handshake;
import network.mira.p2p.handshake.HandshakeCodec;
import network.mira.p2p.handshake.LocalNode;
import network.mira.p2p.handshake.Role;
import network.mira.p2p.handshake.SessionKeys;
import network.mira.p2p.metrics.P2pMetrics;

/**
 * Assembles a connection's pipeline, head to tail:
 * <pre>
 *   bytes (count) | prefix (u32 LE length, outbound) | frames (split, inbound) | handshake
 * </pre>
 * and, once the handshake is done, replaces {@code handshake} with
 * <pre>
 *   session (AEAD + Envelope) | peer (dispatch, keepalive, errors)
 * </pre>
 * and adds {@code idle} after {@code bytes}, so that any received byte counts as a sign of life.
 */
public final class ChannelSetup {
    public static final String BYTES = "bytes";
    public static final String PREFIX = "prefix";
    public static final String FRAMES = "frames";
    public static final String HANDSHAKE = "handshake";
    public static final String SESSION = "session";
    public static final String PEER = "peer";
    public static final String IDLE = "idle";
    /** A connection that has sent nothing for this long gets a keepalive. */
    public static final int KEEPALIVE_SECONDS = 10;
    /**
     * A peer silent for this long (three missed keepalives) is gone: a crashed host or a partition
     * leaves a half-open connection that TCP alone would keep for hours.
     */
    public static final int SILENCE_TIMEOUT_SECONDS = 30;

    private final Supplier<LocalNode> local;
    private final Duration handshakeTimeout;
    private final HandshakeListener listener;
    private final SecureRandom random;
    private final ByteCountingHandler byteCounter;

    /** @param local read per connection: the listen port is only known once the server is bound */
    public ChannelSetup(Supplier<LocalNode> local, Duration handshakeTimeout, HandshakeListener listener,
            P2pMetrics metrics, SecureRandom random) {
        this.local = local;
        this.handshakeTimeout = handshakeTimeout;
        this.listener = listener;
        this.random = random;
        this.byteCounter = new ByteCountingHandler(metrics);
    }

    /** @param expected the identity the dialer wants, or null */
    public CompletableFuture<PublicKey> initHandshake(Channel channel, Direction direction, PublicKey expected) {
        CompletableFuture<PublicKey> outcome = new CompletableFuture<>();
        Role role = direction == Direction.OUTBOUND ? Role.INITIATOR : Role.RESPONDER;
        Handshake handshake = new Handshake(local.get(), role, expected, random);
        channel.pipeline()
                .addLast(BYTES, byteCounter)
                .addLast(PREFIX, new LengthFieldPrepender(ByteOrder.LITTLE_ENDIAN, FrameDecoder.LENGTH_BYTES, 0, false))
                .addLast(FRAMES, new FrameDecoder(HandshakeCodec.MAX_FRAME_BYTES))
                .addLast(HANDSHAKE, new HandshakeHandler(handshake, direction, listener, handshakeTimeout, outcome));
        return outcome;
    }

    /** Called from {@link HandshakeListener#established} on the event loop, before the handshake handler leaves. */
    public static void installSession(Channel channel, SessionKeys keys, int maxFrameBytes, P2pMetrics metrics,
            PeerHandler peerHandler) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.get(FrameDecoder.class).setMaxFrameBytes(maxFrameBytes);
        pipeline.addAfter(HANDSHAKE, SESSION,
                new SessionHandler(new FrameSealer(keys.sendKey()), new FrameOpener(keys.receiveKey()), metrics));
        pipeline.addAfter(SESSION, PEER, peerHandler);
        pipeline.addAfter(BYTES, IDLE,
                new IdleStateHandler(SILENCE_TIMEOUT_SECONDS, KEEPALIVE_SECONDS, 0, TimeUnit.SECONDS));
    }
}
