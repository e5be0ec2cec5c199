package network.mira.svm.parallel;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;

/**
 * An immutable sorted map over two parallel arrays already in address order, so that a block's
 * changes become a {@link SortedMap} without building a tree node per account on one thread.
 * Lookups are binary searches; head, tail and sub maps are views of index ranges.
 */
final class SortedAccountMap extends AbstractMap<PublicKey, Account> implements SortedMap<PublicKey, Account> {
    private final PublicKey[] keys;
    private final Account[] values;
    private final int from;
    private final int to;

    /**
     * Takes the arrays over (no copy). The keys must be strictly ascending; checking that here
     * would be a serial pass over the whole block, so the caller checks while sorting.
     */
    SortedAccountMap(PublicKey[] keys, Account[] values) {
        this(keys, values, 0, keys.length);
        if (keys.length != values.length) {
            throw new IllegalArgumentException("keys and values differ in length");
        }
    }

    private SortedAccountMap(PublicKey[] keys, Account[] values, int from, int to) {
        this.keys = keys;
        this.values = values;
        this.from = from;
        this.to = to;
    }

    @Override
    public int size() {
        return to - from;
    }

    @Override
    public Account get(Object key) {
        int index = indexOf(key);
        return index < 0 ? null : values[index];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
        if (!(key instanceof PublicKey address)) {
            return -1;
        }
        int index = Arrays.binarySearch(keys, from, to, address);
        return index >= 0 ? index : -1;
    }

    /** The first index in range whose key is not below {@code key}. */
    private int lowerBound(PublicKey key) {
        if (key == null) {
            throw new NullPointerException("key");
        }
        int index = Arrays.binarySearch(keys, from, to, key);
        return index >= 0 ? index : -index - 1;
    }

    /** Natural order of addresses (unsigned bytes), as in a {@code TreeMap} without comparator. */
    @Override
    public Comparator<? super PublicKey> comparator() {
        return null;
    }

    @Override
    public SortedMap<PublicKey, Account> subMap(PublicKey fromKey, PublicKey toKey) {
        if (fromKey.compareTo(toKey) > 0) {
            throw new IllegalArgumentException("fromKey > toKey");
        }
        return new SortedAccountMap(keys, values, lowerBound(fromKey), Math.max(lowerBound(fromKey), lowerBound(toKey)));
    }

    @Override
    public SortedMap<PublicKey, Account> headMap(PublicKey toKey) {
        return new SortedAccountMap(keys, values, from, lowerBound(toKey));
    }

    @Override
    public SortedMap<PublicKey, Account> tailMap(PublicKey fromKey) {
        return new SortedAccountMap(keys, values, lowerBound(fromKey), to);
    }

    @Override
    public PublicKey firstKey() {
        if (from == to) {
            throw new NoSuchElementException();
        }
        return keys[from];
    }

    @Override
    public PublicKey lastKey() {
        if (from == to) {
            throw new NoSuchElementException();
        }
        return keys[to - 1];
    }

    @Override
    public Set<Map.Entry<PublicKey, Account>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<PublicKey, Account>> iterator() {
                return new Iterator<>() {
                    private int next = from;

                    @Override
                    public boolean hasNext() {
                        return next < to;
                    }

                    @Override
                    public Map.Entry<PublicKey, Account> next() {
                        if (next >= to) {
                            throw new NoSuchElementException();
                        }
                        int index = next++;
                        return new SimpleImmutableEntry<>(keys[index], values[index]);
                    }
                };
            }

            @Override
            public int size() {
                return to - from;
            }
        };
    }
}
