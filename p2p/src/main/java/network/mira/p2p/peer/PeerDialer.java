package network.mira.p2p.peer;

import java.util.concurrent.CompletableFuture;
import network.mira.core.crypto.PublicKey;

/** Opens an outbound connection and runs the handshake. */
public interface PeerDialer {
    /**
     * @param expected the identity that must answer, or null for any (seeds)
     * @return completes with the peer's id once it is an established peer, or exceptionally (a
     *     {@link network.mira.p2p.handshake.HandshakeException} with its reason, or the connect error)
     */
    CompletableFuture<PublicKey> dial(PublicKey expected, String host, int port);
}
