package network.mira.p2p.peer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.Direction;
import network.mira.p2p.handshake.RefusalReason;

/**
 * The established peers, at most one connection per peer id, and the inbound limit. Reads are
 * lock-free (send and broadcast look peers up from any thread); changes are serialized.
 */
public final class PeerRegistry {
    private final PublicKey localId;
    private final int maxInbound;
    private final Predicate<PublicKey> exemptFromLimit;
    private final Map<PublicKey, Peer> peers = new ConcurrentHashMap<>();
    private volatile int inbound;
    private volatile int outbound;

    /** What {@link #register} did. {@code replaced} is the connection to close, {@code firstConnection} whether to announce. */
    public record Registration(Optional<RefusalReason> refusal, Peer replaced, boolean firstConnection) {
        static Registration refused(RefusalReason reason) {
            return new Registration(Optional.of(reason), null, false);
        }
    }

    /** @param exemptFromLimit peers admitted beyond {@code maxInbound} (persistent peers) */
    public PeerRegistry(PublicKey localId, int maxInbound, Predicate<PublicKey> exemptFromLimit) {
        this.localId = localId;
        this.maxInbound = maxInbound;
        this.exemptFromLimit = exemptFromLimit;
    }

    /** The cheap check at Hello time, before we spend a signature on the peer. */
    public synchronized Optional<RefusalReason> admit(PublicKey id, Direction direction) {
        if (peers.containsKey(id)) {
            return Optional.of(RefusalReason.DUPLICATE_PEER);
        }
        if (direction == Direction.INBOUND && inbound >= maxInbound && !exemptFromLimit.test(id)) {
            return Optional.of(RefusalReason.TOO_MANY_PEERS);
        }
        return Optional.empty();
    }

    /**
     * Adds an authenticated connection. If one to the same peer exists (both sides dialed at once),
     * both nodes keep the connection dialed by the smaller identity key, so they converge on the
     * same one without talking about it.
     */
    public synchronized Registration register(Peer peer) {
        Peer existing = peers.get(peer.id());
        if (existing != null) {
            if (peer.initiator(localId).compareTo(existing.initiator(localId)) >= 0) {
                return Registration.refused(RefusalReason.DUPLICATE_PEER);
            }
            remove(existing);
            add(peer);
            return new Registration(Optional.empty(), existing, false);
        }
        if (peer.direction() == Direction.INBOUND && inbound >= maxInbound && !exemptFromLimit.test(peer.id())) {
            return Registration.refused(RefusalReason.TOO_MANY_PEERS);
        }
        add(peer);
        return new Registration(Optional.empty(), null, true);
    }

    /** @return true if this was the registered connection (the peer id is now disconnected) */
    public synchronized boolean unregister(Peer peer) {
        if (peers.get(peer.id()) != peer) {
            return false;
        }
        remove(peer);
        return true;
    }

    public Optional<Peer> get(PublicKey id) {
        return Optional.ofNullable(peers.get(id));
    }

    public boolean isConnected(PublicKey id) {
        return peers.containsKey(id);
    }

    public List<Peer> all() {
        return List.copyOf(peers.values());
    }

    public int count(Direction direction) {
        return direction == Direction.INBOUND ? inbound : outbound;
    }

    private void add(Peer peer) {
        peers.put(peer.id(), peer);
        adjust(peer.direction(), 1);
    }

    private void remove(Peer peer) {
        peers.remove(peer.id());
        adjust(peer.direction(), -1);
    }

    private void adjust(Direction direction, int delta) {
        if (direction == Direction.INBOUND) {
            inbound += delta;
        } else {
            outbound += delta;
        }
    }
}
