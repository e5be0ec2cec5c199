package network.mira.core.state;

import java.util.Optional;
import java.util.TreeMap;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.store.Column;
import network.mira.core.store.KeyValueStore;
import network.mira.core.store.StorageException;
import network.mira.core.store.WriteSet;

/**
 * Reads stored nodes, seen through a not-yet-written {@link WriteSet} if one is given, and checks
 * them: a node that does not decode, does not hash to what its parent says, or sits at a position
 * its key does not belong to means the store is corrupt, and the tree must not compute a root from
 * it. One reader serves one operation; it caches what it read so that operation reads each
 * position from RocksDB once.
 */
final class NodeReader {
    private final KeyValueStore store;
    private final WriteSet pending;
    private final TreeMap<NodePath, Optional<byte[]>> cache = new TreeMap<>();

    /** @param pending writes to read through, or null to read committed state only */
    NodeReader(KeyValueStore store, WriteSet pending) {
        this.store = store;
        this.pending = pending;
    }

    /** The encoded node at {@code path}, if any. */
    Optional<byte[]> raw(NodePath path) {
        return cache.computeIfAbsent(path, this::read);
    }

    /** The node at {@code path}, if any; for the root, whose hash nobody vouches for. */
    Optional<StateNode> load(NodePath path) {
        Optional<byte[]> bytes = raw(path);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        StateNode node = decode(path, bytes.get());
        if (node instanceof StateNode.Leaf leaf && !path.contains(leaf.keyPath().bytes())) {
            throw corrupt(path, "leaf " + leaf.keyPath().toHex() + " does not belong at this position");
        }
        if (node instanceof StateNode.Internal && path.depth() == NodePath.MAX_DEPTH) {
            throw corrupt(path, "internal node at the last key bit, where only leaves fit");
        }
        return Optional.of(node);
    }

    /** The node at {@code path}, which its parent says hashes to {@code expected}. */
    StateNode loadExpected(NodePath path, Hash expected) {
        StateNode node = load(path).orElseThrow(() -> corrupt(path, "missing, parent expects " + expected.toHex()));
        if (!node.hash().equals(expected)) {
            throw corrupt(path, "hashes to " + node.hash().toHex() + ", parent expects " + expected.toHex());
        }
        return node;
    }

    private Optional<byte[]> read(NodePath path) {
        byte[] key = path.storageKey();
        if (pending != null) {
            Optional<Optional<byte[]>> overlaid = pending.get(Column.STATE_NODES, key);
            if (overlaid.isPresent()) {
                return overlaid.get();
            }
        }
        return store.get(Column.STATE_NODES, key);
    }

    private static StateNode decode(NodePath path, byte[] bytes) {
        try {
            return StateNode.decode(bytes);
        } catch (DecodeException e) {
            throw corrupt(path, e.getMessage());
        }
    }

    private static StorageException corrupt(NodePath path, String problem) {
        return new StorageException("state tree node at " + path + " is corrupt: " + problem);
    }
}
