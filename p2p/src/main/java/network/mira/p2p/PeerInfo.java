package network.mira.p2p;

import java.time.Instant;
import network.mira.core.crypto.PublicKey;

/**
 * A snapshot of one connected peer.
 *
 * @param address the remote socket address as text (e.g. {@code 127.0.0.1:50312})
 * @param listenPort the port the peer says it accepts connections on (0 = none)
 * @param score 0 is neutral; penalties lower it; at {@value network.mira.p2p.peer.PeerScores#BAN_SCORE} the peer is banned
 */
public record PeerInfo(PublicKey id, String address, int listenPort, Direction direction, int score,
        Instant connectedSince) {
}
