package network.mira.p2p.transport;

import io.netty.channel.Channel;
import java.util.Optional;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.Direction;
import network.mira.p2p.handshake.HandshakeException;
import network.mira.p2p.handshake.Hello;
import network.mira.p2p.handshake.RefusalReason;
import network.mira.p2p.handshake.SessionKeys;

/** What the handshake adapter asks of the node. Called on the connection's event loop. */
public interface HandshakeListener {
    /** At the peer's Hello: refuse banned, duplicate or surplus peers before signing anything. */
    Optional<RefusalReason> admit(PublicKey peer, Direction direction);

    /**
     * Both Auths verified: make the connection a peer and install its session handlers after the
     * handshake handler (named {@link ChannelSetup#HANDSHAKE}).
     *
     * @return a refusal if it could not be registered; the adapter then closes without a Reject
     */
    Optional<RefusalReason> established(Channel channel, Direction direction, Hello peerHello, SessionKeys keys);

    void failed(Direction direction, HandshakeException failure);
}
