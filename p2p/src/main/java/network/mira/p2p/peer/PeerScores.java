package network.mira.p2p.peer;

import java.util.LinkedHashMap;
import java.util.Map;
import network.mira.core.crypto.PublicKey;

/**
 * Misbehaviour scores by peer id. 0 is neutral and the maximum; penalties subtract; a score
 * recovers towards 0 by {@value #RECOVERY_POINTS_PER_MINUTE} points a minute, so an honest peer's
 * occasional fault is forgiven while a steady stream of faults still reaches {@link #BAN_SCORE}.
 * Bounded: beyond {@value #CAPACITY} ids the least recently touched is forgotten (forgiven).
 */
public final class PeerScores {
    public static final int BAN_SCORE = -100;
    public static final int RECOVERY_POINTS_PER_MINUTE = 6;
    public static final int CAPACITY = 4096;
    /** Lower bound, so that recovery from an enormous penalty still takes bounded time. */
    static final int MIN_SCORE = -1000;
    private static final double NANOS_PER_MINUTE = 60e9;

    private final Map<PublicKey, Entry> scores = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PublicKey, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    private static final class Entry {
        double score;
        long updatedNanos;

        Entry(long nowNanos) {
            updatedNanos = nowNanos;
        }
    }

    /** Subtracts {@code points} (positive) and returns the new score, rounded down (recovery shows in whole points). */
    public synchronized int penalize(PublicKey peer, int points, long nowNanos) {
        if (points <= 0) {
            throw new IllegalArgumentException("penalty points must be positive: " + points);
        }
        Entry entry = scores.computeIfAbsent(peer, id -> new Entry(nowNanos));
        recover(entry, nowNanos);
        entry.score = Math.max(MIN_SCORE, entry.score - points);
        return (int) Math.floor(entry.score);
    }

    public synchronized int score(PublicKey peer, long nowNanos) {
        Entry entry = scores.get(peer);
        if (entry == null) {
            return 0;
        }
        recover(entry, nowNanos);
        return (int) Math.floor(entry.score);
    }

    /** After a ban: the peer starts from neutral when the ban ends. */
    public synchronized void forget(PublicKey peer) {
        scores.remove(peer);
    }

    private static void recover(Entry entry, long nowNanos) {
        long elapsed = Math.max(0, nowNanos - entry.updatedNanos);
        entry.score = Math.min(0, entry.score + elapsed * RECOVERY_POINTS_PER_MINUTE / NANOS_PER_MINUTE);
        entry.updatedNanos = nowNanos;
    }
}
