package network.mira.node.network;

import network.mira.core.crypto.PublicKey;
import network.mira.p2p.P2pNetwork;

/** {@link PeerMessenger} over the Netty p2p network. */
final class P2pMessenger implements PeerMessenger {
    private final P2pNetwork network;

    P2pMessenger(P2pNetwork network) {
        this.network = network;
    }

    @Override
    public void send(PublicKey peer, int channel, byte[] payload) {
        network.send(peer, channel, payload);
    }

    @Override
    public void broadcast(int channel, byte[] payload) {
        network.broadcast(channel, payload);
    }

    @Override
    public void broadcastExcept(PublicKey origin, int channel, byte[] payload) {
        network.broadcastExcept(origin, channel, payload);
    }

    @Override
    public void penalize(PublicKey peer, String reason, int points) {
        network.penalize(peer, reason, points);
    }
}
