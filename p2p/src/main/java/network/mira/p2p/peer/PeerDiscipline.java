package network.mira.p2p.peer;

import java.time.Duration;
import java.util.function.LongSupplier;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.metrics.P2pMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies penalties: lowers the score and, at the ban score, bans the peer and drops its connection. */
public final class PeerDiscipline {
    private static final Logger log = LoggerFactory.getLogger(PeerDiscipline.class);

    private final PeerScores scores;
    private final BanList bans;
    private final PeerRegistry registry;
    private final Duration banDuration;
    private final P2pMetrics metrics;
    private final LongSupplier nanoClock;

    public PeerDiscipline(PeerScores scores, BanList bans, PeerRegistry registry, Duration banDuration,
            P2pMetrics metrics, LongSupplier nanoClock) {
        this.scores = scores;
        this.bans = bans;
        this.registry = registry;
        this.banDuration = banDuration;
        this.metrics = metrics;
        this.nanoClock = nanoClock;
    }

    /** Serialized so that one crossing of the ban score bans exactly once. */
    public synchronized int penalize(PublicKey peer, String reason, int points) {
        long now = nanoClock.getAsLong();
        int score = scores.penalize(peer, points, now);
        log.debug("peer {} penalized {} points for {}: score {}", peer, points, reason, score);
        if (score <= PeerScores.BAN_SCORE) {
            bans.ban(peer, now + banDuration.toNanos(), now);
            scores.forget(peer);
            metrics.banned();
            log.warn("banning peer {} for {} (last offence: {})", peer, banDuration, reason);
            registry.get(peer).ifPresent(Peer::close);
        }
        return score;
    }

    public int score(PublicKey peer) {
        return scores.score(peer, nanoClock.getAsLong());
    }

    public boolean isBanned(PublicKey peer) {
        return bans.isBanned(peer, nanoClock.getAsLong());
    }
}
