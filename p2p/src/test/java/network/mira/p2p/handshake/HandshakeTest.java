package network.mira.p2p.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.NodeIdentity;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private static final Hash GENESIS = Hash.sha256("g".getBytes(StandardCharsets.UTF_8));
    private final SecureRandom random = new SecureRandom();
    private final NodeIdentity alice = NodeIdentity.generate();
    private final NodeIdentity bob = NodeIdentity.generate();

    private Handshake side(NodeIdentity identity, Role role, String chain, Hash genesis, PublicKey expected) {
        return new Handshake(new LocalNode(identity, chain, genesis, 26656), role, expected, random);
    }

    private static Auth hello(Handshake receiver, Handshake sender) throws HandshakeException {
        byte[] bytes = sender.localHello();
        return receiver.receiveHello((Hello) HandshakeCodec.decode(bytes), bytes);
    }

    @Test
    void bothSidesDeriveMirroredKeys() throws Exception {
        Handshake initiator = side(alice, Role.INITIATOR, "c", GENESIS, bob.publicKey());
        Handshake responder = side(bob, Role.RESPONDER, "c", GENESIS, null);
        Auth initiatorAuth = hello(initiator, responder);
        Auth responderAuth = hello(responder, initiator);
        SessionKeys initiatorKeys = initiator.receiveAuth((Auth) HandshakeCodec.decode(responderAuth.encode()));
        SessionKeys responderKeys = responder.receiveAuth((Auth) HandshakeCodec.decode(initiatorAuth.encode()));

        assertThat(initiatorKeys.sendKey()).isEqualTo(responderKeys.receiveKey());
        assertThat(initiatorKeys.receiveKey()).isEqualTo(responderKeys.sendKey());
        assertThat(initiatorKeys.sendKey()).isNotEqualTo(initiatorKeys.receiveKey());
        assertThat(initiator.peerHello().identity()).isEqualTo(bob.publicKey());
        assertThat(responder.peerHello().identity()).isEqualTo(alice.publicKey());
    }

    @Test
    void helloRoundTripsCanonically() throws Exception {
        byte[] bytes = side(alice, Role.INITIATOR, "mira-é", GENESIS, null).localHello();
        Hello decoded = (Hello) HandshakeCodec.decode(bytes);
        assertThat(decoded.encode()).isEqualTo(bytes);
        assertThat(decoded.chainId()).isEqualTo("mira-é");
        assertThat(decoded.listenPort()).isEqualTo(26656);
    }

    @Test
    void refusesWrongChainAndGenesis() {
        Handshake ours = side(alice, Role.INITIATOR, "c", GENESIS, null);
        assertReason(() -> hello(ours, side(bob, Role.RESPONDER, "other", GENESIS, null)), RefusalReason.WRONG_CHAIN);
        Handshake again = side(alice, Role.INITIATOR, "c", GENESIS, null);
        assertReason(() -> hello(again, side(bob, Role.RESPONDER, "c", Hash.ZERO, null)), RefusalReason.WRONG_GENESIS);
    }

    @Test
    void refusesSelfAndUnexpectedPeer() {
        Handshake ours = side(alice, Role.INITIATOR, "c", GENESIS, null);
        assertReason(() -> hello(ours, side(alice, Role.RESPONDER, "c", GENESIS, null)), RefusalReason.SELF_CONNECTION);
        Handshake dialingCarol = side(alice, Role.INITIATOR, "c", GENESIS, NodeIdentity.generate().publicKey());
        assertReason(() -> hello(dialingCarol, side(bob, Role.RESPONDER, "c", GENESIS, null)),
                RefusalReason.UNEXPECTED_PEER);
    }

    @Test
    void refusesOtherProtocolVersionBeforeReadingTheRest() {
        byte[] bytes = side(bob, Role.RESPONDER, "c", GENESIS, null).localHello();
        bytes[1] = 2; // u32 LE version right after the type byte
        byte[] truncated = Arrays.copyOf(bytes, 5);
        assertReason(() -> HandshakeCodec.decode(bytes), RefusalReason.PROTOCOL_VERSION);
        assertReason(() -> HandshakeCodec.decode(truncated), RefusalReason.PROTOCOL_VERSION);
    }

    @Test
    void refusesSignatureOverAnotherTranscript() throws Exception {
        Handshake ours = side(alice, Role.INITIATOR, "c", GENESIS, null);
        Handshake theirs = side(bob, Role.RESPONDER, "c", GENESIS, null);
        hello(ours, theirs);
        Auth forged = new Auth(bob.sign(Transcript.signedMessage(Hash.sha256("another".getBytes(StandardCharsets.UTF_8)))));
        assertReason(() -> ours.receiveAuth(forged), RefusalReason.BAD_SIGNATURE);
    }

    @Test
    void refusesAuthByAnotherKey() throws Exception {
        Handshake ours = side(alice, Role.INITIATOR, "c", GENESIS, null);
        Handshake theirs = side(bob, Role.RESPONDER, "c", GENESIS, null);
        hello(ours, theirs);
        Auth honestShape = hello(theirs, ours);
        NodeIdentity mallory = NodeIdentity.generate();
        Auth wrongSigner = new Auth(mallory.sign(new byte[] {1}));
        assertThat(honestShape).isNotNull();
        assertReason(() -> ours.receiveAuth(wrongSigner), RefusalReason.BAD_SIGNATURE);
    }

    @Test
    void refusesLowOrderEphemeralKeys() {
        HexFormat hex = HexFormat.of();
        byte[][] lowOrder = {new byte[32], hex.parseHex("0100000000000000000000000000000000000000000000000000000000000000"),
            hex.parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
            hex.parseHex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157")};
        for (byte[] point : lowOrder) {
            Handshake ours = side(alice, Role.INITIATOR, "c", GENESIS, null);
            Hello evil = new Hello(Hello.PROTOCOL_VERSION, "c", GENESIS, bob.publicKey(), point, 0, new byte[32]);
            assertReason(() -> ours.receiveHello(evil, evil.encode()), RefusalReason.WEAK_EPHEMERAL_KEY);
        }
    }

    @Test
    void refusesOutOfOrderAndMalformedMessages() throws Exception {
        Handshake ours = side(alice, Role.INITIATOR, "c", GENESIS, null);
        assertReason(() -> ours.receiveAuth(new Auth(bob.sign(new byte[] {1}))), RefusalReason.MALFORMED);
        byte[] hello = side(bob, Role.RESPONDER, "c", GENESIS, null).localHello();
        assertReason(() -> HandshakeCodec.decode(Arrays.copyOf(hello, hello.length - 1)), RefusalReason.MALFORMED);
        assertReason(() -> HandshakeCodec.decode(Arrays.copyOf(hello, hello.length + 1)), RefusalReason.MALFORMED);
        assertReason(() -> HandshakeCodec.decode(new byte[0]), RefusalReason.MALFORMED);
        assertReason(() -> HandshakeCodec.decode(new byte[] {9}), RefusalReason.MALFORMED);
        hello(ours, side(bob, Role.RESPONDER, "c", GENESIS, null));
        assertReason(() -> hello(ours, side(bob, Role.RESPONDER, "c", GENESIS, null)), RefusalReason.MALFORMED);
    }

    @Test
    void rejectCarriesItsReasonAndToleratesUnknownCodes() throws Exception {
        Reject reject = (Reject) HandshakeCodec.decode(new Reject(RefusalReason.BANNED).encode());
        assertThat(reject.reason()).isEqualTo(RefusalReason.BANNED);
        assertThat(((Reject) HandshakeCodec.decode(new byte[] {3, (byte) 200, 0, 0, 0})).reason())
                .isEqualTo(RefusalReason.UNKNOWN);
    }

    private interface Step {
        Object run() throws Exception;
    }

    private static void assertReason(Step step, RefusalReason reason) {
        assertThatThrownBy(step::run).isInstanceOfSatisfying(HandshakeException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
