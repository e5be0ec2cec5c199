package network.mira.p2p;

import network.mira.core.crypto.PublicKey;

/**
 * Peer lifecycle notifications, e.g. for block sync to ask a new peer for its height. Called on a
 * Netty event-loop thread; must be quick. Fired once when a peer id goes from not connected to
 * connected and once for the reverse; replacing one connection to a peer with another (the
 * simultaneous-dial tie-break) fires nothing.
 */
public interface PeerListener {
    void onPeerConnected(PeerInfo peer);

    void onPeerDisconnected(PublicKey peer);
}
