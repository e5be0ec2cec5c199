package network.mira.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import network.mira.core.crypto.Hash;
import network.mira.p2p.TestNodes.Node;
import network.mira.p2p.handshake.Auth;
import network.mira.p2p.handshake.EphemeralKey;
import network.mira.p2p.handshake.Handshake;
import network.mira.p2p.handshake.HandshakeCodec;
import network.mira.p2p.handshake.Hello;
import network.mira.p2p.handshake.RefusalReason;
import network.mira.p2p.handshake.Reject;
import network.mira.p2p.handshake.SessionKeys;
import network.mira.p2p.handshake.Transcript;
import network.mira.p2p.frame.FrameOpener;
import network.mira.p2p.frame.FrameSealer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real node against a hand-driven peer that misbehaves on purpose. */
class AdversarialPeerTest {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final TestNodes nodes = new TestNodes();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private Node node;

    @BeforeEach
    void startNode() {
        node = nodes.start(s -> s.maxFrameBytes(64 * 1024).handshakeTimeout(Duration.ofSeconds(3)));
        node.network().registerHandler(1, (from, payload) -> received.add(new String(payload, StandardCharsets.UTF_8)));
    }

    @AfterEach
    void closeAll() {
        nodes.close();
    }

    private RawPeer established() throws Exception {
        RawPeer peer = RawPeer.connect(node.port());
        peer.handshake();
        Await.until("node registered the raw peer",
                () -> node.network().peers().stream().anyMatch(p -> p.id().equals(peer.id())));
        return peer;
    }

    private double violations(String violation) {
        return node.counter("mira_p2p_protocol_violations", "violation", violation);
    }

    @Test
    void honestRawPeerIsServed() throws Exception {
        try (RawPeer peer = established()) {
            peer.writeRaw(peer.sealedFrame(1, "hello".getBytes(StandardCharsets.UTF_8)));
            Await.until("delivered", () -> received.contains("hello"));
        }
    }

    @Test
    void authAndFirstFrameInOneWriteAreBothHandled() throws Exception {
        try (RawPeer peer = RawPeer.connect(node.port())) {
            Handshake handshake = peer.newHandshake();
            peer.writeFrame(handshake.localHello());
            byte[] helloBytes = peer.readFrame();
            Auth auth = handshake.receiveHello((Hello) HandshakeCodec.decode(helloBytes), helloBytes);
            SessionKeys keys = handshake.receiveAuth((Auth) HandshakeCodec.decode(peer.readFrame()));
            peer.sealer = new FrameSealer(keys.sendKey());
            byte[] authFrame = RawPeer.frame(auth.encode());
            byte[] first = peer.sealedFrame(1, "together".getBytes(StandardCharsets.UTF_8));
            byte[] both = new byte[authFrame.length + first.length];
            System.arraycopy(authFrame, 0, both, 0, authFrame.length);
            System.arraycopy(first, 0, both, authFrame.length, first.length);
            peer.writeRaw(both);
            Await.until("delivered", () -> received.contains("together"));
        }
    }

    @Test
    void peerSigningTheWrongTranscriptIsRefused() throws Exception {
        try (RawPeer peer = RawPeer.connect(node.port())) {
            Handshake handshake = peer.newHandshake();
            peer.writeFrame(handshake.localHello());
            byte[] helloBytes = peer.readFrame();
            handshake.receiveHello((Hello) HandshakeCodec.decode(helloBytes), helloBytes);
            Hash wrongTranscript = Transcript.hash(helloBytes, handshake.localHello()); // roles swapped
            peer.writeFrame(new Auth(peer.identity.sign(Transcript.signedMessage(wrongTranscript))).encode());
            assertThat(peer.awaitClosed(CLOSE_WAIT)).isTrue();
        }
        Await.until("counted", () ->
                node.counter("mira_p2p_handshake_failures", "reason", "BAD_SIGNATURE", "origin", "local") == 1);
        assertThat(node.network().peers()).isEmpty();
    }

    @Test
    void otherProtocolVersionIsRefusedWithReason() throws Exception {
        try (RawPeer peer = RawPeer.connect(node.port())) {
            Hello future = new Hello(2, TestNodes.CHAIN, TestNodes.GENESIS, peer.id(),
                    EphemeralKey.generate(new java.security.SecureRandom()).publicKey(), 0, new byte[32]);
            peer.writeFrame(future.encode());
            assertThat(HandshakeCodec.decode(peer.readFrame())).isInstanceOf(Hello.class);
            assertThat(HandshakeCodec.decode(peer.readFrame())).isEqualTo(new Reject(RefusalReason.PROTOCOL_VERSION));
            assertThat(peer.awaitClosed(CLOSE_WAIT)).isTrue();
        }
        assertThat(node.counter("mira_p2p_handshake_failures", "reason", "PROTOCOL_VERSION", "origin", "local"))
                .isEqualTo(1);
    }

    @Test
    void silentPeerTimesOut() throws Exception {
        nodes.close();
        node = nodes.start(s -> s.handshakeTimeout(Duration.ofMillis(300)));
        try (RawPeer peer = RawPeer.connect(node.port())) {
            assertThat(HandshakeCodec.decode(peer.readFrame())).isInstanceOf(Hello.class);
            assertThat(HandshakeCodec.decode(peer.readFrame())).isEqualTo(new Reject(RefusalReason.TIMEOUT));
            assertThat(peer.awaitClosed(CLOSE_WAIT)).isTrue();
        }
        assertThat(node.counter("mira_p2p_handshake_failures", "reason", "TIMEOUT", "origin", "local")).isEqualTo(1);
    }

    @Test
    void garbageDuringHandshakeIsMalformed() throws Exception {
        try (RawPeer peer = RawPeer.connect(node.port())) {
            peer.writeFrame(new byte[] {42, 1, 2, 3});
            peer.readFrame(); // the node's Hello
            assertThat(HandshakeCodec.decode(peer.readFrame())).isEqualTo(new Reject(RefusalReason.MALFORMED));
        }
        try (RawPeer peer = RawPeer.connect(node.port())) {
            peer.writeRaw(new byte[] {0, 0, 1, 0}); // 64 KiB handshake frame: over the 4 KiB limit
            assertThat(peer.awaitClosed(CLOSE_WAIT)).isTrue();
        }
        Await.until("both counted", () ->
                node.counter("mira_p2p_handshake_failures", "reason", "MALFORMED", "origin", "local") == 2);
    }

    @Test
    void tamperedCiphertextClosesTheConnectionAndLowersTheScore() throws Exception {
        try (RawPeer peer = established()) {
            peer.writeRaw(peer.sealedFrame(1, "before".getBytes(StandardCharsets.UTF_8)));
            byte[] frame = peer.sealedFrame(1, "tampered".getBytes(StandardCharsets.UTF_8));
            frame[frame.length - 20] ^= 0x01; // a ciphertext byte, in flight
            peer.writeRaw(frame);
            assertThat(peer.awaitClosed(CLOSE_WAIT)).isTrue();
            assertThat(received).containsExactly("before");
            assertThat(node.network().score(peer.id())).isBetween(-50, -40);
        }
        assertThat(violations("unauthentic_frame")).isEqualTo(1);
    }

    @Test
    void replayedFrameClosesTheConnection() throws Exception {
        try (RawPeer peer = established()) {
            byte[] frame = peer.sealedFrame(1, "once".getBytes(StandardCharsets.UTF_8));
            peer.writeRaw(frame);
            peer.writeRaw(frame);
            assertThat(peer.awaitClosed(CLOSE_WAIT)).isTrue();
            assertThat(received).containsExactly("once");
            assertThat(node.network().score(peer.id())).isNegative();
        }
        assertThat(violations("unauthentic_frame")).isEqualTo(1);
    }

    @Test
    void oversizeFrameClosesWithoutWaitingForItsBody() throws Exception {
        try (RawPeer peer = established()) {
            // Claims 64 KiB + 1 and sends none of it: the node must not wait for (or buffer) the body.
            int length = 64 * 1024 + 1;
            peer.writeRaw(new byte[] {(byte) length, (byte) (length >>> 8), (byte) (length >>> 16), 0});
            assertThat(peer.awaitClosed(CLOSE_WAIT)).isTrue();
            assertThat(node.network().score(peer.id())).isNegative();
        }
        assertThat(violations("oversize_frame")).isEqualTo(1);
    }

    @Test
    void authenticButUndecodableMessageClosesTheConnection() throws Exception {
        try (RawPeer peer = established()) {
            peer.writeRaw(RawPeer.frame(peer.sealer.seal(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF})));
            assertThat(peer.awaitClosed(CLOSE_WAIT)).isTrue();
        }
        assertThat(violations("malformed_message")).isEqualTo(1);
    }

    @Test
    void unknownChannelIsDroppedNotPunished() throws Exception {
        try (RawPeer peer = established()) {
            peer.writeRaw(peer.sealedFrame(77, new byte[] {1}));
            peer.writeRaw(peer.sealedFrame(1, "after".getBytes(StandardCharsets.UTF_8)));
            Await.until("later message delivered", () -> received.contains("after"));
            assertThat(node.network().score(peer.id())).isZero();
        }
        assertThat(node.counter("mira_p2p_dropped_messages", "reason", "unknown_channel")).isEqualTo(1);
    }

    @Test
    void floodingRawPeerIsBannedAndThenRefusedAtHandshake() throws Exception {
        nodes.close();
        node = nodes.start(s -> s.inboundRateLimit(10, 10));
        RawPeer flooder;
        try (RawPeer peer = established()) {
            flooder = peer;
            java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 300; i++) {
                burst.writeBytes(peer.sealedFrame(1, new byte[] {1}));
            }
            peer.writeRaw(burst.toByteArray());
            assertThat(peer.awaitClosed(CLOSE_WAIT)).isTrue();
        }
        assertThat(node.network().isBanned(flooder.id())).isTrue();
        try (RawPeer again = RawPeer.connect(node.port())) {
            Handshake handshake = new Handshake(new network.mira.p2p.handshake.LocalNode(flooder.identity,
                    TestNodes.CHAIN, TestNodes.GENESIS, 0), network.mira.p2p.handshake.Role.INITIATOR, null,
                    new java.security.SecureRandom());
            again.writeFrame(handshake.localHello());
            again.readFrame();
            assertThat(HandshakeCodec.decode(again.readFrame())).isEqualTo(new Reject(RefusalReason.BANNED));
        }
        assertThat(node.counter("mira_p2p_handshake_failures", "reason", "BANNED", "origin", "local")).isEqualTo(1);
    }

    @Test
    void nodeFramesDecryptWithTheDerivedKeys() throws Exception {
        try (RawPeer peer = established()) {
            node.network().send(peer.id(), 1, "to raw".getBytes(StandardCharsets.UTF_8));
            // The first frame is the peer-exchange message (channel 0), then ours.
            FrameOpener opener = peer.opener;
            network.mira.p2p.proto.Envelope pex = network.mira.p2p.proto.Envelope.parseFrom(opener.open(peer.readFrame()));
            network.mira.p2p.proto.Envelope ours = network.mira.p2p.proto.Envelope.parseFrom(opener.open(peer.readFrame()));
            assertThat(pex.getChannel()).isZero();
            assertThat(ours.getChannel()).isEqualTo(1);
            assertThat(ours.getPayload().toStringUtf8()).isEqualTo("to raw");
        }
    }
}
