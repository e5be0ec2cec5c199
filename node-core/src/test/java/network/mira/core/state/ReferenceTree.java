package network.mira.core.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import network.mira.core.crypto.Hash;

/**
 * The tree's definition, computed the slow obvious way from the whole set of leaves: no storage,
 * no incremental update, no sorting assumptions. The production tree must agree with it.
 */
final class ReferenceTree {
    private ReferenceTree() {}

    static Hash root(SortedMap<Hash, Hash> leaves) {
        return subtree(new ArrayList<>(leaves.entrySet()), 0);
    }

    /** How many nodes the compacted tree stores: one per leaf plus one per internal position. */
    static int nodeCount(SortedMap<Hash, Hash> leaves) {
        return count(new ArrayList<>(leaves.entrySet()), 0);
    }

    private static Hash subtree(List<Map.Entry<Hash, Hash>> leaves, int depth) {
        if (leaves.isEmpty()) {
            return Hash.ZERO;
        }
        if (leaves.size() == 1) {
            Map.Entry<Hash, Hash> leaf = leaves.get(0);
            return Hash.sha256(new byte[] {0}, leaf.getKey().bytes(), leaf.getValue().bytes());
        }
        return Hash.sha256(new byte[] {1}, subtree(side(leaves, depth, 0), depth + 1).bytes(),
                subtree(side(leaves, depth, 1), depth + 1).bytes());
    }

    private static int count(List<Map.Entry<Hash, Hash>> leaves, int depth) {
        if (leaves.size() <= 1) {
            return leaves.size();
        }
        return 1 + count(side(leaves, depth, 0), depth + 1) + count(side(leaves, depth, 1), depth + 1);
    }

    private static List<Map.Entry<Hash, Hash>> side(List<Map.Entry<Hash, Hash>> leaves, int depth, int bit) {
        List<Map.Entry<Hash, Hash>> side = new ArrayList<>();
        for (Map.Entry<Hash, Hash> leaf : leaves) {
            if (((leaf.getKey().bytes()[depth / 8] >> (7 - depth % 8)) & 1) == bit) {
                side.add(leaf);
            }
        }
        return side;
    }
}
