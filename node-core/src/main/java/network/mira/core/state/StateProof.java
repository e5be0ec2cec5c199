package network.mira.core.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;

/**
 * Proof that a key path holds a value hash in the {@link StateTree} with a given root, or holds
 * nothing. The path from the root towards the key ends in one of three ways, which is the kind:
 *
 * <ul>
 *   <li>{@link Kind#PRESENT}: at the key's own leaf (carries its value hash);
 *   <li>{@link Kind#ABSENT_EMPTY}: at an empty subtree, so nothing lies under the key's prefix;
 *   <li>{@link Kind#ABSENT_OTHER_LEAF}: at the leaf of another key sharing that prefix; leaves are
 *       stored where they are alone, so the key is absent (carries that leaf's key and value).
 * </ul>
 *
 * <p>Siblings are listed from the deepest up to the root's children; their count is the depth at
 * which the path ends. The verifier recomputes the root by hashing upward, choosing sides by the
 * key's bits.
 *
 * <p>Encoding (RPC serves it; integers little-endian like the rest of our codec):
 *
 * <pre>
 * u8  kind                     0 = present, 1 = absent (empty), 2 = absent (other leaf)
 * [32] valueHash               kind 0 only
 * [32] leafKeyPath [32] leafValueHash   kind 2 only
 * u16 siblingCount             0..256
 * bitmap[ceil(siblingCount/8)] bit i (byte i/8, bit i%8 from the least significant) set when
 *                              sibling i is not Hash.ZERO; bits past siblingCount are zero
 * [32] each non-zero sibling, in order
 * </pre>
 *
 * Empty siblings are common along the chains above two keys with a long shared prefix, so they
 * cost one bit, not 32 bytes. The encoding is canonical: decode rejects any other byte string.
 */
public final class StateProof {
    public static final int MAX_SIBLINGS = NodePath.MAX_DEPTH;
    private static final String WHAT = "state proof";

    public enum Kind {
        PRESENT,
        ABSENT_EMPTY,
        ABSENT_OTHER_LEAF
    }

    private final Kind kind;
    private final Hash leafKeyPath; // ABSENT_OTHER_LEAF only
    private final Hash leafValueHash; // PRESENT and ABSENT_OTHER_LEAF
    private final List<Hash> siblings; // deepest first

    private StateProof(Kind kind, Hash leafKeyPath, Hash leafValueHash, List<Hash> siblings) {
        if (siblings.size() > MAX_SIBLINGS) {
            throw new IllegalArgumentException("a proof has at most " + MAX_SIBLINGS + " siblings: " + siblings.size());
        }
        this.kind = kind;
        this.leafKeyPath = leafKeyPath;
        this.leafValueHash = leafValueHash;
        this.siblings = Collections.unmodifiableList(new ArrayList<>(siblings));
    }

    static StateProof present(Hash valueHash, List<Hash> siblings) {
        return new StateProof(Kind.PRESENT, null, Objects.requireNonNull(valueHash), siblings);
    }

    static StateProof absentEmpty(List<Hash> siblings) {
        return new StateProof(Kind.ABSENT_EMPTY, null, null, siblings);
    }

    static StateProof absentOtherLeaf(Hash leafKeyPath, Hash leafValueHash, List<Hash> siblings) {
        return new StateProof(
                Kind.ABSENT_OTHER_LEAF, Objects.requireNonNull(leafKeyPath), Objects.requireNonNull(leafValueHash), siblings);
    }

    public Kind kind() {
        return kind;
    }

    /** The proven value hash for a {@link Kind#PRESENT} proof; empty otherwise. */
    public Optional<Hash> valueHash() {
        return kind == Kind.PRESENT ? Optional.of(leafValueHash) : Optional.empty();
    }

    // The leaf the path ends at, if any: for tests that rebuild a proof with altered siblings.
    Hash leafKeyPath() {
        return leafKeyPath;
    }

    Hash leafValueHash() {
        return leafValueHash;
    }

    /** Sibling hashes from the deepest up to the root's child level. */
    public List<Hash> siblings() {
        return siblings;
    }

    /**
     * True if this proof shows that, in the tree with {@code root}, {@code keyPath} holds
     * {@code valueHash} (or, for {@code Optional.empty()}, holds nothing).
     */
    public boolean verify(Hash root, Hash keyPath, Optional<Hash> valueHash) {
        if (valueHash.isPresent() != (kind == Kind.PRESENT)) {
            return false;
        }
        byte[] key = keyPath.bytes();
        Hash node;
        switch (kind) {
            case PRESENT -> {
                if (!valueHash.get().equals(leafValueHash)) {
                    return false;
                }
                node = StateNode.leafHash(keyPath, leafValueHash);
            }
            case ABSENT_OTHER_LEAF -> {
                // The other leaf must sit on our key's path, or it says nothing about our key.
                if (leafKeyPath.equals(keyPath) || !KeyBits.samePrefix(leafKeyPath.bytes(), key, siblings.size())) {
                    return false;
                }
                node = StateNode.leafHash(leafKeyPath, leafValueHash);
            }
            default -> node = Hash.ZERO;
        }
        for (int i = 0; i < siblings.size(); i++) {
            int parentDepth = siblings.size() - 1 - i;
            Hash sibling = siblings.get(i);
            node = KeyBits.bit(key, parentDepth) == 0
                    ? StateNode.internalHash(node, sibling)
                    : StateNode.internalHash(sibling, node);
        }
        return node.equals(root);
    }

    public byte[] encode() {
        ByteWriter writer = new ByteWriter(3 + 2 * Hash.LENGTH + (siblings.size() + 7) / 8 + siblings.size() * Hash.LENGTH);
        writer.u8(kind.ordinal());
        if (kind == Kind.PRESENT) {
            writer.raw(leafValueHash.bytes());
        } else if (kind == Kind.ABSENT_OTHER_LEAF) {
            writer.raw(leafKeyPath.bytes()).raw(leafValueHash.bytes());
        }
        writer.u8(siblings.size() & 0xFF).u8(siblings.size() >>> 8);
        byte[] bitmap = new byte[(siblings.size() + 7) / 8];
        for (int i = 0; i < siblings.size(); i++) {
            if (!siblings.get(i).equals(Hash.ZERO)) {
                bitmap[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        writer.raw(bitmap);
        for (Hash sibling : siblings) {
            if (!sibling.equals(Hash.ZERO)) {
                writer.raw(sibling.bytes());
            }
        }
        return writer.toByteArray();
    }

    /** @throws DecodeException naming the field if {@code bytes} is not a canonical encoding */
    public static StateProof decode(byte[] bytes) throws DecodeException {
        ByteReader reader = new ByteReader(bytes);
        int kindCode = reader.u8(WHAT + " kind");
        if (kindCode >= Kind.values().length) {
            throw new DecodeException(WHAT + " kind must be 0, 1 or 2, got " + kindCode);
        }
        Kind kind = Kind.values()[kindCode];
        Hash leafKeyPath = kind == Kind.ABSENT_OTHER_LEAF ? hash(reader, WHAT + " leaf key path") : null;
        Hash leafValueHash = kind == Kind.ABSENT_EMPTY ? null : hash(reader, WHAT + " leaf value hash");
        int count = reader.u8(WHAT + " sibling count") | reader.u8(WHAT + " sibling count") << 8;
        if (count > MAX_SIBLINGS) {
            throw new DecodeException(WHAT + " sibling count " + count + " exceeds maximum " + MAX_SIBLINGS);
        }
        byte[] bitmap = reader.raw((count + 7) / 8, WHAT + " sibling bitmap");
        if (count % 8 != 0 && (bitmap[count / 8] & 0xFF) >>> (count % 8) != 0) {
            throw new DecodeException(WHAT + " sibling bitmap has bits set past sibling count " + count);
        }
        List<Hash> siblings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if ((bitmap[i / 8] & (1 << (i % 8))) == 0) {
                siblings.add(Hash.ZERO);
                continue;
            }
            Hash sibling = hash(reader, WHAT + " sibling " + i);
            if (sibling.equals(Hash.ZERO)) {
                throw new DecodeException(WHAT + " sibling " + i + " is flagged non-empty but is all zeros");
            }
            siblings.add(sibling);
        }
        reader.expectEnd(WHAT);
        return new StateProof(kind, leafKeyPath, leafValueHash, siblings);
    }

    private static Hash hash(ByteReader reader, String what) throws DecodeException {
        return Hash.wrap(reader.raw(Hash.LENGTH, what));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateProof other
                && kind == other.kind
                && Objects.equals(leafKeyPath, other.leafKeyPath)
                && Objects.equals(leafValueHash, other.leafValueHash)
                && siblings.equals(other.siblings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, leafKeyPath, leafValueHash, siblings);
    }

    @Override
    public String toString() {
        return "StateProof[" + kind + ", depth " + siblings.size() + "]";
    }
}
