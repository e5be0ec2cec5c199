package network.mira.p2p.gossip;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import network.mira.core.crypto.Hash;

/**
 * Message ids recently seen, so gossip is handled and forwarded once: {@link #markSeen} answers
 * "first time?" atomically. Bounded LRU: beyond the capacity the least recently seen id is
 * forgotten (a very old message may then be handled again, which gossip must tolerate anyway).
 * Thread-safe; every repeat counts in {@code mira_p2p_gossip_duplicates}.
 */
public final class SeenCache {
    public static final int MAX_ID_BYTES = 64;

    private final int capacity;
    private final Counter duplicates;
    private final Map<ByteBuffer, Boolean> seen;

    public SeenCache(int capacity, MeterRegistry registry) {
        this(capacity, Counter.builder("mira_p2p_gossip_duplicates")
                .description("gossip messages received again after they were first seen").register(registry));
    }

    public SeenCache(int capacity, Counter duplicates) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("seen-cache capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.duplicates = duplicates;
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
                return size() > SeenCache.this.capacity;
            }
        };
    }

    /** @return true the first time {@code id} is seen (handle and forward it), false for a duplicate */
    public boolean markSeen(byte[] id) {
        if (id == null || id.length == 0 || id.length > MAX_ID_BYTES) {
            throw new IllegalArgumentException("message id must be 1.." + MAX_ID_BYTES + " bytes");
        }
        ByteBuffer key = ByteBuffer.wrap(id.clone());
        boolean first;
        synchronized (seen) {
            first = seen.put(key, Boolean.TRUE) == null;
        }
        if (!first) {
            duplicates.increment();
        }
        return first;
    }

    public boolean markSeen(Hash id) {
        return markSeen(id.bytes());
    }

    /** Does not count as a sighting and does not refresh the entry's age. */
    public boolean contains(byte[] id) {
        ByteBuffer key = ByteBuffer.wrap(id.clone());
        synchronized (seen) {
            return seen.containsKey(key);
        }
    }

    /**
     * Forgets {@code id}, so the next copy is handled as new: for a message that could not be judged
     * yet (e.g. one from a height whose validator set this node does not know yet).
     */
    public void forget(Hash id) {
        synchronized (seen) {
            seen.remove(ByteBuffer.wrap(id.bytes()));
        }
    }

    public int size() {
        synchronized (seen) {
            return seen.size();
        }
    }

    public int capacity() {
        return capacity;
    }
}
