package network.mira.core.state;

import network.mira.core.codec.ByteReader;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;

/**
 * A stored tree node. Its encoding is exactly the preimage of its hash, so a node's hash is
 * SHA-256 of its stored bytes and nothing else needs storing:
 *
 * <pre>
 * leaf:     0x00 || keyPath[32] || valueHash[32]   (65 bytes)
 * internal: 0x01 || leftHash[32] || rightHash[32]  (65 bytes; Hash.ZERO = empty child)
 * </pre>
 */
sealed interface StateNode permits StateNode.Leaf, StateNode.Internal {
    int ENCODED_LENGTH = 1 + 2 * Hash.LENGTH;
    byte LEAF_TAG = 0x00;
    byte INTERNAL_TAG = 0x01;

    byte[] encode();

    default Hash hash() {
        return Hash.sha256(encode());
    }

    static Hash leafHash(Hash keyPath, Hash valueHash) {
        return Hash.sha256(new byte[] {LEAF_TAG}, keyPath.bytes(), valueHash.bytes());
    }

    static Hash internalHash(Hash left, Hash right) {
        return Hash.sha256(new byte[] {INTERNAL_TAG}, left.bytes(), right.bytes());
    }

    static StateNode decode(byte[] bytes) throws DecodeException {
        if (bytes.length != ENCODED_LENGTH) {
            throw new DecodeException("state node must be " + ENCODED_LENGTH + " bytes, got " + bytes.length);
        }
        ByteReader reader = new ByteReader(bytes);
        int tag = reader.u8("state node tag");
        Hash first = Hash.wrap(reader.raw(Hash.LENGTH, "state node first hash"));
        Hash second = Hash.wrap(reader.raw(Hash.LENGTH, "state node second hash"));
        if (tag == LEAF_TAG) {
            return new Leaf(first, second);
        }
        if (tag != INTERNAL_TAG) {
            throw new DecodeException("state node tag must be 0 (leaf) or 1 (internal), got " + tag);
        }
        if (first.equals(Hash.ZERO) && second.equals(Hash.ZERO)) {
            throw new DecodeException("internal state node with two empty children");
        }
        return new Internal(first, second);
    }

    /** The only entry of its subtree, stored at the shallowest position where it is alone. */
    record Leaf(Hash keyPath, Hash valueHash) implements StateNode {
        @Override
        public byte[] encode() {
            return concat(LEAF_TAG, keyPath, valueHash);
        }
    }

    /** A position with at least two leaves below it; one side may be empty. */
    record Internal(Hash left, Hash right) implements StateNode {
        public Internal {
            if (left.equals(Hash.ZERO) && right.equals(Hash.ZERO)) {
                throw new IllegalArgumentException("an internal node needs a non-empty child");
            }
        }

        Hash child(int bit) {
            return bit == 0 ? left : right;
        }

        @Override
        public byte[] encode() {
            return concat(INTERNAL_TAG, left, right);
        }
    }

    private static byte[] concat(byte tag, Hash first, Hash second) {
        byte[] out = new byte[ENCODED_LENGTH];
        out[0] = tag;
        first.copyTo(out, 1);
        second.copyTo(out, 1 + Hash.LENGTH);
        return out;
    }
}
