package network.mira.core.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import network.mira.core.crypto.Hash;
import network.mira.core.store.KeyValueStore;
import network.mira.core.store.WriteSet;

/**
 * The state commitment: a binary sparse Merkle tree over 256-bit key paths (normally SHA-256 of an
 * account address), each holding a value hash (normally the hash of the account's encoding).
 *
 * <h2>Hashes</h2>
 *
 * <ul>
 *   <li>empty subtree: {@link Hash#ZERO};
 *   <li>leaf: {@code SHA-256(0x00 || keyPath || valueHash)};
 *   <li>internal node: {@code SHA-256(0x01 || leftHash || rightHash)}, left = key bit 0, bits taken
 *       from the most significant bit of byte 0 down.
 * </ul>
 *
 * <p>Compaction: a subtree holding exactly one leaf is that leaf, stored at the shallowest position
 * where it is alone. So a path is as long as needed to separate keys (about log2 of the number of
 * leaves for hashed keys, never more than 256) and the root depends only on the set of (key, value)
 * pairs, never on the order or batches in which they were written.
 *
 * <h2>Storage</h2>
 *
 * <p>Nodes live in {@code Column.STATE_NODES} keyed by position: depth (u16 big-endian) then the
 * {@code ceil(depth/8)} prefix bytes, unused bits zero (see {@code NodePath}). Values are the
 * 65-byte hash preimages: leaf {@code 0x00 || keyPath || valueHash}, internal {@code 0x01 || left
 * || right} (see {@code StateNode}). A position is overwritten in place, and a vacated one is
 * deleted in the same write set, so the column holds exactly the current tree: no old versions,
 * no reference counts. The empty tree stores nothing.
 *
 * <p>The store is the only source of truth: this object holds no state, {@link #apply} writes
 * nothing but the caller's {@link WriteSet}, and {@link #root()} reflects the set only once the
 * caller has written it. Applies must be serialized with the writes that commit them (one writer,
 * as the block pipeline is).
 */
public final class StateTree {
    private final KeyValueStore store;

    public StateTree(KeyValueStore store) {
        if (store == null) {
            throw new IllegalArgumentException("store must not be null");
        }
        this.store = store;
    }

    /** The committed root; {@link Hash#ZERO} for an empty tree. */
    public Hash root() {
        return rootSeenThrough(null);
    }

    /**
     * Computes the tree after {@code changes} (value hash = insert or update, empty = delete;
     * deleting an absent key changes nothing), appends the node writes to {@code out} and returns
     * the new root. Reads the committed tree through {@code out}, so several applies into one
     * unwritten set compose. Cost: about (changed keys × path depth) node reads and writes.
     */
    public Hash apply(SortedMap<Hash, Optional<Hash>> changes, WriteSet out) {
        if (changes == null || out == null) {
            throw new IllegalArgumentException("changes and out must not be null");
        }
        if (changes.isEmpty()) {
            return rootSeenThrough(out);
        }
        return TreeUpdate.apply(new NodeReader(store, out), sortedChanges(changes), out);
    }

    /** A proof of {@code keyPath}'s value, or of its absence, against the committed {@link #root()}. */
    public StateProof prove(Hash keyPath) {
        if (keyPath == null) {
            throw new IllegalArgumentException("keyPath must not be null");
        }
        NodeReader reader = new NodeReader(store, null);
        byte[] key = keyPath.bytes();
        List<Hash> siblings = new ArrayList<>();
        NodePath path = NodePath.ROOT;
        StateNode node = reader.load(path).orElse(null);
        while (node instanceof StateNode.Internal internal) {
            int bit = KeyBits.bit(key, path.depth());
            siblings.add(internal.child(1 - bit));
            path = path.child(bit);
            Hash child = internal.child(bit);
            node = child.equals(Hash.ZERO) ? null : reader.loadExpected(path, child);
        }
        Collections.reverse(siblings);
        if (node == null) {
            return StateProof.absentEmpty(siblings);
        }
        StateNode.Leaf leaf = (StateNode.Leaf) node;
        return leaf.keyPath().equals(keyPath)
                ? StateProof.present(leaf.valueHash(), siblings)
                : StateProof.absentOtherLeaf(leaf.keyPath(), leaf.valueHash(), siblings);
    }

    private Hash rootSeenThrough(WriteSet pending) {
        return new NodeReader(store, pending).load(NodePath.ROOT).map(StateNode::hash).orElse(Hash.ZERO);
    }

    // Sorted by the keys' natural (bitwise) order whatever comparator the caller's map uses: the
    // update's binary splits depend on it.
    private static List<TreeUpdate.Change> sortedChanges(SortedMap<Hash, Optional<Hash>> changes) {
        List<TreeUpdate.Change> sorted = new ArrayList<>(changes.size());
        for (Map.Entry<Hash, Optional<Hash>> entry : changes.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                throw new IllegalArgumentException("changes must not contain null keys or values");
            }
            sorted.add(TreeUpdate.Change.of(entry.getKey(), entry.getValue()));
        }
        sorted.sort((a, b) -> a.keyPath().compareTo(b.keyPath()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).keyPath().equals(sorted.get(i).keyPath())) {
                throw new IllegalArgumentException("changes hold key " + sorted.get(i).keyPath() + " twice");
            }
        }
        return sorted;
    }
}
