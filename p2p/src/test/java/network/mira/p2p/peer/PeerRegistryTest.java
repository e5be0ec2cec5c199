package network.mira.p2p.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Instant;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.Direction;
import network.mira.p2p.NodeIdentity;
import network.mira.p2p.handshake.RefusalReason;
import org.junit.jupiter.api.Test;

class PeerRegistryTest {
    private static Peer peer(PublicKey id, Direction direction) {
        return new Peer(id, direction, new EmbeddedChannel(), 0, Instant.EPOCH, new TokenBucket(1, 1, () -> 0), 8, 1 << 20);
    }

    private static PublicKey[] ordered() {
        PublicKey a = NodeIdentity.generate().publicKey();
        PublicKey b = NodeIdentity.generate().publicKey();
        return a.compareTo(b) < 0 ? new PublicKey[] {a, b} : new PublicKey[] {b, a};
    }

    @Test
    void simultaneousDialsConvergeOnTheConnectionDialedByTheSmallerKey() {
        PublicKey[] keys = ordered();
        PublicKey small = keys[0];
        PublicKey large = keys[1];
        // On the small-key node: its outbound connection wins over the inbound one, in either order.
        PeerRegistry onSmall = new PeerRegistry(small, 10, id -> false);
        Peer inbound = peer(large, Direction.INBOUND);
        Peer outbound = peer(large, Direction.OUTBOUND);
        assertThat(onSmall.register(inbound).firstConnection()).isTrue();
        PeerRegistry.Registration replacing = onSmall.register(outbound);
        assertThat(replacing.replaced()).isSameAs(inbound);
        assertThat(onSmall.get(large)).containsSame(outbound);
        assertThat(onSmall.unregister(inbound)).isFalse();

        // On the large-key node: the inbound one (dialed by the small key) wins.
        PeerRegistry onLarge = new PeerRegistry(large, 10, id -> false);
        Peer largeOutbound = peer(small, Direction.OUTBOUND);
        Peer largeInbound = peer(small, Direction.INBOUND);
        onLarge.register(largeInbound);
        assertThat(onLarge.register(largeOutbound).refusal()).contains(RefusalReason.DUPLICATE_PEER);
        assertThat(onLarge.get(small)).containsSame(largeInbound);
        assertThat(onLarge.count(Direction.INBOUND)).isEqualTo(1);
        assertThat(onLarge.count(Direction.OUTBOUND)).isZero();
    }

    @Test
    void inboundLimitSparesExemptPeers() {
        PublicKey self = NodeIdentity.generate().publicKey();
        PublicKey persistent = NodeIdentity.generate().publicKey();
        PeerRegistry registry = new PeerRegistry(self, 1, persistent::equals);
        registry.register(peer(NodeIdentity.generate().publicKey(), Direction.INBOUND));
        PublicKey surplus = NodeIdentity.generate().publicKey();
        assertThat(registry.admit(surplus, Direction.INBOUND)).contains(RefusalReason.TOO_MANY_PEERS);
        assertThat(registry.register(peer(surplus, Direction.INBOUND)).refusal()).contains(RefusalReason.TOO_MANY_PEERS);
        assertThat(registry.admit(persistent, Direction.INBOUND)).isEmpty();
        assertThat(registry.admit(surplus, Direction.OUTBOUND)).isEmpty();
    }
}
