package network.mira.p2p.transport;

import network.mira.p2p.frame.ProtocolViolationException;
import network.mira.p2p.peer.Peer;
import network.mira.p2p.proto.Envelope;

/** What an established connection reports to the node. Called on the connection's event loop. */
public interface PeerEvents {
    void onMessage(Peer peer, Envelope envelope);

    /** Once per connection, before it is closed. */
    void onViolation(Peer peer, ProtocolViolationException violation);

    void onDisconnected(Peer peer);
}
