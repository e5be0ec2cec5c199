package network.mira.core.state;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A position in the tree: a depth (0 = root, at most 256) and the first {@code depth} bits of every
 * key below it. Nodes are stored under their position, not their hash, so rewriting a position
 * overwrites the old node in place and a removed node is one explicit delete: the column never
 * accumulates garbage and needs no reference counts.
 *
 * <p>Storage key: depth as 2 bytes big-endian (257 possible depths do not fit one byte), then the
 * prefix in {@code ceil(depth / 8)} bytes with the unused low bits of the last byte zero. The depth
 * fixes the length, so no key is a prefix of another position's key.
 */
final class NodePath implements Comparable<NodePath> {
    static final int MAX_DEPTH = KeyBits.KEY_BITS;
    static final NodePath ROOT = new NodePath(0, new byte[KeyBits.KEY_BITS / 8]);

    private final int depth;
    private final byte[] prefix; // 32 bytes; bits at index >= depth are zero

    private NodePath(int depth, byte[] prefix) {
        this.depth = depth;
        this.prefix = prefix;
    }

    int depth() {
        return depth;
    }

    /** The child position on side {@code bit}; a depth-256 position is a leaf and has none. */
    NodePath child(int bit) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalStateException("no position below depth " + MAX_DEPTH);
        }
        if (bit != 0 && bit != 1) {
            throw new IllegalArgumentException("bit must be 0 or 1: " + bit);
        }
        byte[] childPrefix = prefix.clone();
        if (bit == 1) {
            childPrefix[depth >>> 3] |= (byte) (0x80 >>> (depth & 7));
        }
        return new NodePath(depth + 1, childPrefix);
    }

    /** True if {@code key} lies below this position. */
    boolean contains(byte[] key) {
        return KeyBits.samePrefix(prefix, key, depth);
    }

    byte[] storageKey() {
        int prefixBytes = (depth + 7) >>> 3;
        byte[] key = new byte[2 + prefixBytes];
        key[0] = (byte) (depth >>> 8);
        key[1] = (byte) depth;
        System.arraycopy(prefix, 0, key, 2, prefixBytes);
        return key;
    }

    @Override
    public int compareTo(NodePath other) {
        int byDepth = Integer.compare(depth, other.depth);
        return byDepth != 0 ? byDepth : Arrays.compareUnsigned(prefix, other.prefix);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodePath other && depth == other.depth && Arrays.equals(prefix, other.prefix);
    }

    @Override
    public int hashCode() {
        return 31 * depth + Arrays.hashCode(prefix);
    }

    @Override
    public String toString() {
        return "depth " + depth + " prefix " + HexFormat.of().formatHex(prefix, 0, (depth + 7) >>> 3);
    }
}
