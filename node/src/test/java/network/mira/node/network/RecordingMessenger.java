package network.mira.node.network;

import java.util.ArrayList;
import java.util.List;
import network.mira.core.crypto.PublicKey;

/** A {@link PeerMessenger} that records what would have gone to the network. */
final class RecordingMessenger implements PeerMessenger {
    record Sent(PublicKey to, PublicKey except, int channel, byte[] payload) {}

    record Penalty(PublicKey peer, String reason, int points) {}

    final List<Sent> sent = new ArrayList<>();
    final List<Penalty> penalties = new ArrayList<>();

    @Override
    public synchronized void send(PublicKey peer, int channel, byte[] payload) {
        sent.add(new Sent(peer, null, channel, payload));
    }

    @Override
    public synchronized void broadcast(int channel, byte[] payload) {
        sent.add(new Sent(null, null, channel, payload));
    }

    @Override
    public synchronized void broadcastExcept(PublicKey origin, int channel, byte[] payload) {
        sent.add(new Sent(null, origin, channel, payload));
    }

    @Override
    public synchronized void penalize(PublicKey peer, String reason, int points) {
        penalties.add(new Penalty(peer, reason, points));
    }

    synchronized List<Sent> on(int channel) {
        return sent.stream().filter(s -> s.channel() == channel).toList();
    }
}
