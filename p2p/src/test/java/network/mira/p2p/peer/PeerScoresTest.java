package network.mira.p2p.peer;

import static org.assertj.core.api.Assertions.assertThat;

import network.mira.p2p.NodeIdentity;
import network.mira.core.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class PeerScoresTest {
    private static final long MINUTE = 60_000_000_000L;
    private final PublicKey peer = NodeIdentity.generate().publicKey();

    @Test
    void penaltiesAccumulateAndRecoverTowardsZero() {
        PeerScores scores = new PeerScores();
        assertThat(scores.score(peer, 0)).isZero();
        assertThat(scores.penalize(peer, 30, 0)).isEqualTo(-30);
        assertThat(scores.penalize(peer, 30, 0)).isEqualTo(-60);
        assertThat(scores.score(peer, MINUTE)).isEqualTo(-60 + PeerScores.RECOVERY_POINTS_PER_MINUTE);
        assertThat(scores.score(peer, 100 * MINUTE)).isZero();
        scores.penalize(peer, 10, 100 * MINUTE);
        scores.forget(peer);
        assertThat(scores.score(peer, 100 * MINUTE)).isZero();
    }

    @Test
    void banExpires() {
        BanList bans = new BanList();
        bans.ban(peer, 1000, 0);
        assertThat(bans.isBanned(peer, 999)).isTrue();
        assertThat(bans.isBanned(peer, 1000)).isFalse();
        assertThat(bans.isBanned(NodeIdentity.generate().publicKey(), 0)).isFalse();
    }

    @Test
    void banListIsBounded() {
        BanList bans = new BanList();
        PublicKey first = NodeIdentity.generate().publicKey();
        bans.ban(first, Long.MAX_VALUE, 0);
        for (int i = 0; i < BanList.CAPACITY; i++) {
            byte[] id = new byte[32];
            id[0] = (byte) i;
            id[1] = (byte) (i >> 8);
            id[2] = 7;
            bans.ban(PublicKey.wrap(id), Long.MAX_VALUE, 0);
        }
        assertThat(bans.isBanned(first, 1)).isFalse();
    }
}
