package network.mira.core.store;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The node's storage API: byte keys and values in named columns, ordered by unsigned byte
 * comparison, with atomic multi-column writes. Everything above the store (blocks, accounts, the
 * state tree) talks to this interface, never to RocksDB. Every failure is a {@link
 * StorageException}. Implementations are safe for concurrent use.
 */
public interface KeyValueStore extends AutoCloseable {
    /** The value under {@code key}, or empty if there is none. */
    Optional<byte[]> get(Column column, byte[] key);

    /** Applies every operation of {@code writes} in order, all or nothing. */
    void write(WriteSet writes, Durability durability);

    /**
     * Visits entries with {@code fromInclusive <= key < toExclusive} in ascending key order, at most
     * {@code limit} of them, until {@code visitor} returns false. The visitor runs inside the
     * operation: it may read the store, but must not close it.
     *
     * @param fromInclusive first key, or null to start at the column's first key
     * @param toExclusive bound, or null to run to the column's end
     * @param limit maximum entries visited, positive
     */
    void scan(Column column, byte[] fromInclusive, byte[] toExclusive, int limit,
            BiPredicate<byte[], byte[]> visitor);

    /** The entry with the highest key in {@code column}, e.g. the latest height. */
    Optional<Map.Entry<byte[], byte[]>> last(Column column);

    /** Releases the store; later operations fail with {@link StorageException}. Idempotent. */
    @Override
    void close();
}
