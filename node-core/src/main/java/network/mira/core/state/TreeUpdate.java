package network.mira.core.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import network.mira.core.crypto.Hash;
import network.mira.core.store.Column;
import network.mira.core.store.WriteSet;

/**
 * One batch update of the tree: walks only the paths of changed keys, rebuilds those paths bottom
 * up, and records every node put and delete in an in-memory overlay that is emitted to a {@link
 * WriteSet} at the end. Nothing is written to the store, so the committed tree stays as it was
 * until the caller writes the set.
 *
 * <p>The compaction rule drives the cases: a subtree that ends up with one leaf hands that leaf up
 * to its parent ("floating") instead of storing it, and the leaf is stored at the first position
 * up the path whose other side is not empty. A leaf that gains a neighbour is pushed down the same
 * way, by rebuilding its small subtree from the leaf and the changes.
 */
final class TreeUpdate {
    private final NodeReader reader;
    // Position -> node to store there, or empty to delete what is there. Sorted: emission order
    // is deterministic.
    private final TreeMap<NodePath, Optional<StateNode>> overlay = new TreeMap<>();

    private TreeUpdate(NodeReader reader) {
        this.reader = reader;
    }

    /**
     * Applies {@code changes} (sorted by key, distinct keys) to the tree seen by {@code reader},
     * appends the node writes to {@code out} and returns the new root.
     */
    static Hash apply(NodeReader reader, List<Change> changes, WriteSet out) {
        TreeUpdate update = new TreeUpdate(reader);
        StateNode root = reader.load(NodePath.ROOT).orElse(null);
        Hash newRoot = update.place(NodePath.ROOT, update.update(NodePath.ROOT, root, changes));
        update.emit(out);
        return newRoot;
    }

    /** A key's new value ({@code value} empty = delete), with its bits at hand. */
    record Change(Hash keyPath, byte[] key, Optional<Hash> value) {
        static Change of(Hash keyPath, Optional<Hash> value) {
            return new Change(keyPath, keyPath.bytes(), value);
        }
    }

    /** What a subtree became; its caller decides where (and whether) it is stored. */
    private sealed interface Subtree {}

    /** No leaves left. */
    private record Empty() implements Subtree {}

    /** Exactly one leaf, not yet stored: it goes wherever the parent decides. */
    private record Floating(StateNode.Leaf leaf) implements Subtree {}

    /** A node with two or more leaves below, already in the overlay at the subtree's position. */
    private record Stored(Hash hash) implements Subtree {}

    /** A subtree no change reaches; stays where it is, its kind not yet read. */
    private record Untouched(Hash hash) implements Subtree {}

    private static final Subtree EMPTY = new Empty();

    private Subtree update(NodePath path, StateNode current, List<Change> changes) {
        Subtree result = current instanceof StateNode.Internal internal
                ? updateInternal(path, internal, changes)
                : build(path, merge((StateNode.Leaf) current, changes));
        if (current != null && !(result instanceof Stored)) {
            // The position is vacated; if its leaf lands here again, place() overwrites this.
            overlay.put(path, Optional.empty());
        }
        return result;
    }

    private Subtree updateInternal(NodePath path, StateNode.Internal internal, List<Change> changes) {
        int split = firstRight(changes, path.depth());
        Subtree left = descend(path.child(0), internal.left(), changes.subList(0, split));
        Subtree right = descend(path.child(1), internal.right(), changes.subList(split, changes.size()));
        return combine(path, left, right);
    }

    private Subtree descend(NodePath child, Hash childHash, List<Change> changes) {
        if (changes.isEmpty()) {
            return childHash.equals(Hash.ZERO) ? EMPTY : new Untouched(childHash);
        }
        StateNode node = childHash.equals(Hash.ZERO) ? null : reader.loadExpected(child, childHash);
        return update(child, node, changes);
    }

    /** Builds a subtree from scratch; called where nothing is stored below {@code path}. */
    private Subtree build(NodePath path, List<Change> leaves) {
        if (leaves.isEmpty()) {
            return EMPTY;
        }
        if (leaves.size() == 1) {
            Change only = leaves.get(0);
            return new Floating(new StateNode.Leaf(only.keyPath(), only.value().orElseThrow()));
        }
        // Distinct 256-bit keys differ in some bit, so two of them always split above depth 256.
        int split = firstRight(leaves, path.depth());
        Subtree left = build(path.child(0), leaves.subList(0, split));
        Subtree right = build(path.child(1), leaves.subList(split, leaves.size()));
        return combine(path, left, right);
    }

    private Subtree combine(NodePath path, Subtree left, Subtree right) {
        if (left == EMPTY && right == EMPTY) {
            return EMPTY;
        }
        if (right == EMPTY) {
            left = reveal(path.child(0), left);
            if (left instanceof Floating) {
                return left;
            }
        }
        if (left == EMPTY) {
            right = reveal(path.child(1), right);
            if (right instanceof Floating) {
                return right;
            }
        }
        StateNode.Internal node = new StateNode.Internal(place(path.child(0), left), place(path.child(1), right));
        overlay.put(path, Optional.of(node));
        return new Stored(node.hash());
    }

    /**
     * An untouched subtree whose sibling just became empty: if it is a single leaf, the leaf is no
     * longer alone only at its own position but at its parent's too, so it must float up.
     */
    private Subtree reveal(NodePath path, Subtree subtree) {
        if (!(subtree instanceof Untouched untouched)) {
            return subtree;
        }
        StateNode node = reader.loadExpected(path, untouched.hash());
        if (node instanceof StateNode.Leaf leaf) {
            overlay.put(path, Optional.empty());
            return new Floating(leaf);
        }
        return subtree;
    }

    /** Settles {@code subtree} at {@code path} and returns its hash. */
    private Hash place(NodePath path, Subtree subtree) {
        if (subtree instanceof Floating floating) {
            overlay.put(path, Optional.of(floating.leaf()));
            return floating.leaf().hash();
        }
        if (subtree instanceof Stored stored) {
            return stored.hash();
        }
        if (subtree instanceof Untouched untouched) {
            return untouched.hash();
        }
        return Hash.ZERO;
    }

    /** The leaves of a subtree that holds at most {@code current}, after {@code changes}. */
    private static List<Change> merge(StateNode.Leaf current, List<Change> changes) {
        List<Change> leaves = new ArrayList<>(changes.size() + 1);
        boolean currentPending = current != null;
        for (Change change : changes) {
            if (currentPending) {
                int order = current.keyPath().compareTo(change.keyPath());
                if (order <= 0) {
                    currentPending = false;
                    if (order < 0) {
                        leaves.add(Change.of(current.keyPath(), Optional.of(current.valueHash())));
                    }
                }
            }
            if (change.value().isPresent()) {
                leaves.add(change);
            }
        }
        if (currentPending) {
            leaves.add(Change.of(current.keyPath(), Optional.of(current.valueHash())));
        }
        return leaves;
    }

    /**
     * Index of the first change going right at {@code depth}. The changes share their first
     * {@code depth} bits and are sorted, so left-goers come first: binary search.
     */
    private static int firstRight(List<Change> changes, int depth) {
        int low = 0;
        int high = changes.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (KeyBits.bit(changes.get(middle).key(), depth) == 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Appends the overlay to {@code out}, skipping writes that would change nothing. */
    private void emit(WriteSet out) {
        for (Map.Entry<NodePath, Optional<StateNode>> entry : overlay.entrySet()) {
            NodePath path = entry.getKey();
            Optional<byte[]> before = reader.raw(path);
            if (entry.getValue().isPresent()) {
                byte[] encoded = entry.getValue().get().encode();
                if (before.isEmpty() || !Arrays.equals(before.get(), encoded)) {
                    out.put(Column.STATE_NODES, path.storageKey(), encoded);
                }
            } else if (before.isPresent()) {
                out.delete(Column.STATE_NODES, path.storageKey());
            }
        }
    }
}
