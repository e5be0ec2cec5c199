package network.mira.p2p.peer;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import network.mira.core.crypto.PublicKey;

/**
 * Peer ids refused at handshake until a deadline (monotonic nanos). Bounded: at {@value #CAPACITY}
 * entries the expired ones are purged first, then the oldest ban is lifted early.
 */
public final class BanList {
    public static final int CAPACITY = 4096;

    private final Map<PublicKey, Long> bannedUntilNanos = new LinkedHashMap<>();

    public synchronized void ban(PublicKey peer, long untilNanos, long nowNanos) {
        bannedUntilNanos.remove(peer);
        if (bannedUntilNanos.size() >= CAPACITY) {
            purgeExpired(nowNanos);
        }
        if (bannedUntilNanos.size() >= CAPACITY) {
            Iterator<PublicKey> oldest = bannedUntilNanos.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        bannedUntilNanos.put(peer, untilNanos);
    }

    public synchronized boolean isBanned(PublicKey peer, long nowNanos) {
        Long until = bannedUntilNanos.get(peer);
        if (until == null) {
            return false;
        }
        if (nowNanos - until >= 0) {
            bannedUntilNanos.remove(peer);
            return false;
        }
        return true;
    }

    private void purgeExpired(long nowNanos) {
        bannedUntilNanos.values().removeIf(until -> nowNanos - until >= 0);
    }
}
