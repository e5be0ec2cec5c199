package network.mira.p2p.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.Direction;
import network.mira.p2p.NodeIdentity;
import network.mira.p2p.frame.FrameDecoder;
import network.mira.p2p.frame.FrameOpener;
import network.mira.p2p.frame.FrameSealer;
import network.mira.p2p.frame.ProtocolViolationException;
import network.mira.p2p.handshake.Handshake;
import network.mira.p2p.handshake.HandshakeException;
import network.mira.p2p.handshake.Hello;
import network.mira.p2p.handshake.LocalNode;
import network.mira.p2p.handshake.RefusalReason;
import network.mira.p2p.handshake.Role;
import network.mira.p2p.handshake.SessionKeys;
import network.mira.p2p.metrics.P2pMetrics;
import network.mira.p2p.peer.Peer;
import network.mira.p2p.peer.TokenBucket;
import network.mira.p2p.proto.Envelope;

/**
 * Random and mutated bytes fed into the real pipelines in memory: nothing may ever escape the
 * pipeline (EmbeddedChannel rethrows anything that reaches its tail), and bad input closes the
 * channel.
 */
class PipelineFuzzTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Hash GENESIS = Hash.sha256("fuzz".getBytes(StandardCharsets.UTF_8));
    private static final NodeIdentity NODE = NodeIdentity.generate();
    private static final NodeIdentity PEER = NodeIdentity.generate();
    private static final P2pMetrics METRICS = new P2pMetrics(new SimpleMeterRegistry());
    private static final byte[] KEY = new byte[32];

    /** Accepts everyone; never reached by random bytes (they cannot sign). */
    private static final HandshakeListener OPEN_DOOR = new HandshakeListener() {
        @Override
        public Optional<RefusalReason> admit(PublicKey peer, Direction direction) {
            return Optional.empty();
        }

        @Override
        public Optional<RefusalReason> established(Channel channel, Direction direction, Hello hello, SessionKeys keys) {
            return Optional.empty();
        }

        @Override
        public void failed(Direction direction, HandshakeException failure) {
        }
    };

    /** Counts what reaches the node. */
    private static final class Events implements PeerEvents {
        final List<Envelope> messages = new ArrayList<>();
        int violations;

        @Override
        public void onMessage(Peer peer, Envelope envelope) {
            messages.add(envelope);
        }

        @Override
        public void onViolation(Peer peer, ProtocolViolationException violation) {
            violations++;
        }

        @Override
        public void onDisconnected(Peer peer) {
        }
    }

    private static EmbeddedChannel handshakePipeline() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ChannelSetup setup = new ChannelSetup(() -> new LocalNode(NODE, "fuzz", GENESIS, 1), Duration.ofSeconds(5),
                OPEN_DOOR, METRICS, RANDOM);
        setup.initHandshake(channel, Direction.INBOUND, null);
        return channel;
    }

    private static EmbeddedChannel sessionPipeline(Events events) {
        EmbeddedChannel channel = new EmbeddedChannel();
        Peer peer = new Peer(PEER.publicKey(), Direction.INBOUND, channel, 0, Instant.EPOCH,
                new TokenBucket(1_000_000, 1_000_000, System::nanoTime), 16, 1 << 20);
        channel.pipeline().addLast(new FrameDecoder(64 * 1024),
                new SessionHandler(new FrameSealer(KEY), new FrameOpener(KEY), METRICS), new PeerHandler(peer, events));
        return channel;
    }

    /** Feeds chunks; returns normally only if nothing escaped the pipeline. */
    private static void feed(EmbeddedChannel channel, List<byte[]> chunks) {
        for (byte[] chunk : chunks) {
            if (!channel.isOpen()) {
                break;
            }
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
        channel.checkException();
        channel.finishAndReleaseAll();
    }

    @Property(tries = 300)
    void randomBytesNeverEscapeTheHandshakePipeline(@ForAll @Size(max = 8) List<@Size(max = 600) byte[]> chunks) {
        feed(handshakePipeline(), chunks);
    }

    @Property(tries = 300)
    void mutatedHellosNeverEscapeTheHandshakePipeline(@ForAll("mutations") List<Mutation> mutations) {
        byte[] hello = new Handshake(new LocalNode(PEER, "fuzz", GENESIS, 7), Role.INITIATOR, null, RANDOM)
                .localHello();
        byte[] stream = frame(hello);
        for (Mutation mutation : mutations) {
            stream = mutation.apply(stream);
        }
        EmbeddedChannel channel = handshakePipeline();
        feed(channel, List.of(stream));
    }

    @Property(tries = 300)
    void randomBytesNeverEscapeTheSessionPipelineAndAreNeverDelivered(
            @ForAll @Size(max = 8) List<@Size(max = 600) byte[]> chunks) {
        Events events = new Events();
        EmbeddedChannel channel = sessionPipeline(events);
        feed(channel, chunks);
        assertThat(events.messages).isEmpty();
        assertThat(events.violations).isLessThanOrEqualTo(1);
    }

    @Property(tries = 300)
    void mutatedFramesNeverEscapeTheSessionPipelineAndCloseIt(@ForAll("mutations") List<Mutation> mutations) {
        FrameSealer sealer = new FrameSealer(KEY);
        byte[] first = frame(sealer.seal(envelope("one")));
        byte[] second = frame(sealer.seal(envelope("two")));
        byte[] mutated = second;
        for (Mutation mutation : mutations) {
            mutated = mutation.apply(mutated);
        }
        Events events = new Events();
        EmbeddedChannel channel = sessionPipeline(events);
        channel.writeInbound(Unpooled.wrappedBuffer(first));
        channel.writeInbound(Unpooled.wrappedBuffer(mutated));
        channel.checkException();
        // Only authentic messages, in order, each once; a violation is reported once and closes.
        List<String> texts = events.messages.stream().map(e -> e.getPayload().toStringUtf8()).toList();
        assertThat(List.of(List.of("one"), List.of("one", "two"))).contains(texts);
        assertThat(events.violations).isLessThanOrEqualTo(1);
        if (events.violations == 1) {
            assertThat(channel.isOpen()).isFalse();
        }
        channel.finishAndReleaseAll();
    }

    /** One edit of a byte stream. */
    record Mutation(int kind, int position, byte value) {
        byte[] apply(byte[] bytes) {
            if (bytes.length == 0) {
                return new byte[] {value};
            }
            int at = Math.floorMod(position, bytes.length);
            return switch (kind) {
                case 0 -> { // flip
                    byte[] out = bytes.clone();
                    out[at] ^= value == 0 ? 1 : value;
                    yield out;
                }
                case 1 -> java.util.Arrays.copyOf(bytes, at); // truncate
                case 2 -> { // insert
                    byte[] out = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, out, 0, at);
                    out[at] = value;
                    System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
                    yield out;
                }
                default -> { // duplicate the stream (a replay)
                    byte[] out = new byte[bytes.length * 2];
                    System.arraycopy(bytes, 0, out, 0, bytes.length);
                    System.arraycopy(bytes, 0, out, bytes.length, bytes.length);
                    yield out;
                }
            };
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 10_000), Arbitraries.bytes()).as(Mutation::new);
        return mutation.list().ofMinSize(1).ofMaxSize(4);
    }

    private static byte[] envelope(String text) {
        return Envelope.newBuilder().setChannel(1)
                .setPayload(com.google.protobuf.ByteString.copyFromUtf8(text)).build().toByteArray();
    }

    private static byte[] frame(byte[] body) {
        byte[] out = new byte[4 + body.length];
        out[0] = (byte) body.length;
        out[1] = (byte) (body.length >>> 8);
        out[2] = (byte) (body.length >>> 16);
        out[3] = (byte) (body.length >>> 24);
        System.arraycopy(body, 0, out, 4, body.length);
        return out;
    }
}
