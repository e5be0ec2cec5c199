package network.mira.p2p.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import network.mira.p2p.Direction;
import network.mira.p2p.NodeIdentity;
import network.mira.p2p.frame.FrameDecoder;
import network.mira.p2p.frame.FrameOpener;
import network.mira.p2p.frame.ProtocolViolationException;
import network.mira.p2p.handshake.SessionKeys;
import network.mira.p2p.metrics.P2pMetrics;
import network.mira.p2p.peer.Peer;
import network.mira.p2p.peer.TokenBucket;
import network.mira.p2p.proto.Envelope;
import org.junit.jupiter.api.Test;

/** Idle detection on an established session, with the embedded event loop's clock advanced by hand. */
class KeepaliveTest {
    private static final byte[] SEND = new byte[32];
    private static final byte[] RECEIVE = new byte[32];

    static {
        Arrays.fill(RECEIVE, (byte) 1);
    }

    private static EmbeddedChannel session() {
        P2pMetrics metrics = new P2pMetrics(new SimpleMeterRegistry());
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(ChannelSetup.BYTES, new ByteCountingHandler(metrics))
                .addLast(ChannelSetup.FRAMES, new FrameDecoder(1024))
                .addLast(ChannelSetup.HANDSHAKE, new ChannelInboundHandlerAdapter());
        Peer peer = new Peer(NodeIdentity.generate().publicKey(), Direction.OUTBOUND, channel, 0, Instant.EPOCH,
                new TokenBucket(10, 10, System::nanoTime), 8, 1 << 20);
        PeerEvents ignore = new PeerEvents() {
            @Override
            public void onMessage(Peer p, Envelope envelope) {
            }

            @Override
            public void onViolation(Peer p, ProtocolViolationException violation) {
            }

            @Override
            public void onDisconnected(Peer p) {
            }
        };
        ChannelSetup.installSession(channel, new SessionKeys(SEND, RECEIVE), 1 << 16, metrics,
                new PeerHandler(peer, ignore));
        channel.pipeline().remove(ChannelSetup.HANDSHAKE);
        return channel;
    }

    @Test
    void quietConnectionSendsAnEncryptedKeepalive() throws Exception {
        EmbeddedChannel channel = session();
        channel.advanceTimeBy(ChannelSetup.KEEPALIVE_SECONDS + 1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
        ByteBuf body = channel.readOutbound(); // no length prefixer in this pipeline: the sealed frame body
        Envelope keepalive = Envelope.parseFrom(new FrameOpener(SEND).open(ByteBufUtil.getBytes(body)));
        assertThat(keepalive).isEqualTo(PeerHandler.KEEPALIVE);
        body.release();
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void silentPeerIsDisconnected() {
        EmbeddedChannel channel = session();
        channel.advanceTimeBy(ChannelSetup.SILENCE_TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }
}
