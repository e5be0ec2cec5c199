package network.mira.core.block;

import java.util.List;
import network.mira.core.crypto.Hash;

/**
 * RFC 6962-style binary Merkle root (as CometBFT uses for its data hash): leaves are hashed with a
 * 0x00 prefix and inner nodes with 0x01, and the tree splits at the largest power of two below n,
 * so no two different lists share a root (no duplicated-last-leaf ambiguity).
 */
public final class MerkleRoot {
    private static final byte[] LEAF_PREFIX = {0};
    private static final byte[] INNER_PREFIX = {1};

    private MerkleRoot() {}

    /** The root of {@code leaves}; {@link Hash#ZERO} for an empty list. */
    public static Hash of(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return Hash.ZERO;
        }
        return subtree(leaves, 0, leaves.size());
    }

    private static Hash subtree(List<byte[]> leaves, int from, int to) {
        int count = to - from;
        if (count == 1) {
            return Hash.sha256(LEAF_PREFIX, leaves.get(from));
        }
        int split = Integer.highestOneBit(count - 1);
        Hash left = subtree(leaves, from, from + split);
        Hash right = subtree(leaves, from + split, to);
        return Hash.sha256(INNER_PREFIX, left.bytes(), right.bytes());
    }
}
