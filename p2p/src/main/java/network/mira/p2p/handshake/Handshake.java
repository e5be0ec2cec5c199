package network.mira.p2p.handshake;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * One side of the handshake as a pure state machine: bytes in, bytes or keys out, no I/O. Both
 * sides run the same steps (docs/p2p.md): send Hello; on the peer's Hello validate it and answer
 * Auth; on the peer's Auth verify it and derive the session keys. The Netty adapter and the tests'
 * hand-written peers drive this class.
 */
public final class Handshake {
    private final LocalNode local;
    private final Role role;
    private final PublicKey expectedPeer;
    private final EphemeralKey ephemeral;
    private final byte[] localHello;
    private Hello peerHello;
    private Hash transcriptHash;
    private byte[] sharedSecret;
    private boolean finished;

    /** @param expectedPeer the identity we dialed for, or null when any identity will do */
    public Handshake(LocalNode local, Role role, PublicKey expectedPeer, SecureRandom random) {
        this.local = Objects.requireNonNull(local, "local");
        this.role = Objects.requireNonNull(role, "role");
        this.expectedPeer = expectedPeer;
        this.ephemeral = EphemeralKey.generate(random);
        byte[] nonce = new byte[Hello.NONCE_BYTES];
        random.nextBytes(nonce);
        this.localHello = new Hello(Hello.PROTOCOL_VERSION, local.chainId(), local.genesisHash(),
                local.identity().publicKey(), ephemeral.publicKey(), local.listenPort(), nonce).encode();
    }

    public Role role() {
        return role;
    }

    /** Our Hello, exactly as it must be framed. */
    public byte[] localHello() {
        return localHello.clone();
    }

    /** The peer's Hello once received (its identity is authenticated only after {@link #receiveAuth}). */
    public Hello peerHello() {
        return peerHello;
    }

    /**
     * Validates the peer's Hello and returns our Auth.
     *
     * @param helloBytes the frame body the Hello was decoded from: the transcript uses the bytes as sent
     */
    public Auth receiveHello(Hello hello, byte[] helloBytes) throws HandshakeException {
        if (peerHello != null) {
            throw new HandshakeException(RefusalReason.MALFORMED, "second Hello");
        }
        checkCompatible(hello);
        peerHello = hello;
        transcriptHash = role == Role.INITIATOR
                ? Transcript.hash(localHello, helloBytes)
                : Transcript.hash(helloBytes, localHello);
        sharedSecret = ephemeral.agree(hello.ephemeralKey());
        return new Auth(local.identity().sign(Transcript.signedMessage(transcriptHash)));
    }

    /** Verifies the peer's Auth and returns the session keys; the handshake is then complete. */
    public SessionKeys receiveAuth(Auth auth) throws HandshakeException {
        if (peerHello == null) {
            throw new HandshakeException(RefusalReason.MALFORMED, "Auth before Hello");
        }
        if (finished) {
            throw new HandshakeException(RefusalReason.MALFORMED, "second Auth");
        }
        if (!Ed25519.verify(peerHello.identity(), Transcript.signedMessage(transcriptHash), auth.signature())) {
            throw new HandshakeException(RefusalReason.BAD_SIGNATURE,
                    "transcript signature does not verify under " + peerHello.identity());
        }
        finished = true;
        SessionKeys keys = KeySchedule.derive(sharedSecret, transcriptHash, role);
        Arrays.fill(sharedSecret, (byte) 0);
        return keys;
    }

    private void checkCompatible(Hello hello) throws HandshakeException {
        if (!hello.chainId().equals(local.chainId())) {
            throw new HandshakeException(RefusalReason.WRONG_CHAIN,
                    "peer is on chain '" + hello.chainId() + "', this node on '" + local.chainId() + "'");
        }
        if (!hello.genesisHash().equals(local.genesisHash())) {
            throw new HandshakeException(RefusalReason.WRONG_GENESIS,
                    "peer's genesis is " + hello.genesisHash() + ", this node's " + local.genesisHash());
        }
        if (hello.identity().equals(local.identity().publicKey())) {
            throw new HandshakeException(RefusalReason.SELF_CONNECTION, "peer presents this node's own identity");
        }
        if (expectedPeer != null && !hello.identity().equals(expectedPeer)) {
            throw new HandshakeException(RefusalReason.UNEXPECTED_PEER,
                    "dialed " + expectedPeer + " but the peer is " + hello.identity());
        }
    }
}
