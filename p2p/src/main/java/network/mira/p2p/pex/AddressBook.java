package network.mira.p2p.pex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import network.mira.core.crypto.PublicKey;

/**
 * Dialable addresses learned from peer exchange and from connected peers, newest last. Bounded at
 * {@value #CAPACITY}: the oldest entry makes room. An address that fails to dial is removed.
 */
public final class AddressBook {
    public static final int CAPACITY = 1000;

    /** One dialable peer. */
    public record Entry(PublicKey id, String host, int port) {
    }

    private final PublicKey self;
    private final Map<PublicKey, Entry> entries = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PublicKey, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    public AddressBook(PublicKey self) {
        this.self = self;
    }

    public synchronized void add(Entry entry) {
        if (!entry.id().equals(self)) {
            entries.remove(entry.id());
            entries.put(entry.id(), entry);
        }
    }

    public synchronized void remove(PublicKey id) {
        entries.remove(id);
    }

    /** Up to {@code limit} entries, newest first, that {@code skip} does not exclude. */
    public synchronized List<Entry> candidates(Predicate<PublicKey> skip, int limit) {
        List<Entry> newestFirst = new ArrayList<>(entries.values());
        java.util.Collections.reverse(newestFirst);
        List<Entry> out = new ArrayList<>();
        for (Entry entry : newestFirst) {
            if (out.size() >= limit) {
                break;
            }
            if (!skip.test(entry.id())) {
                out.add(entry);
            }
        }
        return out;
    }

    public synchronized int size() {
        return entries.size();
    }
}
