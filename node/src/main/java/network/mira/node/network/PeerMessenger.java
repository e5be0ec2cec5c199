package network.mira.node.network;

import network.mira.core.crypto.PublicKey;

/**
 * What the node's gossip and block sync need from the p2p layer: addressed and flooded sends that
 * never block (a full peer queue drops, the p2p layer counts it), and a way to report a peer that
 * sent something invalid.
 */
public interface PeerMessenger {
    void send(PublicKey peer, int channel, byte[] payload);

    void broadcast(int channel, byte[] payload);

    /** To every connected peer but {@code origin}, which already has the message. */
    void broadcastExcept(PublicKey origin, int channel, byte[] payload);

    /** Lowers a peer's score; enough points disconnect and ban it. */
    void penalize(PublicKey peer, String reason, int points);
}
