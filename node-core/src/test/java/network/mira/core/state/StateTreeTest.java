package network.mira.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import network.mira.core.crypto.Hash;
import network.mira.core.store.Column;
import network.mira.core.store.Durability;
import network.mira.core.store.StorageException;
import network.mira.core.store.WriteSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StateTreeTest {
    private static final HexFormat HEX = HexFormat.of();

    private TempStore temp;
    private StateTree tree;

    @BeforeEach
    void open() {
        temp = TempStore.create();
        tree = new StateTree(temp.store());
    }

    @AfterEach
    void close() {
        temp.close();
    }

    @Test
    void anEmptyTreeHasTheZeroRootStoresNothingAndProvesAbsence() {
        Hash key = key(0x00, "a");
        assertThat(tree.root()).isEqualTo(Hash.ZERO);
        StateProof proof = tree.prove(key);
        assertThat(proof.kind()).isEqualTo(StateProof.Kind.ABSENT_EMPTY);
        assertThat(proof.siblings()).isEmpty();
        assertThat(proof.verify(Hash.ZERO, key, Optional.empty())).isTrue();
        assertThat(tree.apply(new TreeMap<>(), new WriteSet())).isEqualTo(Hash.ZERO);
    }

    @Test
    void aSingleLeafIsTheRootAndIsStoredAtDepthZero() {
        Hash key = key(0x42, "a");
        Hash value = value("a");

        Hash root = commit(put(key, value));

        byte[] leaf = concat(new byte[] {0}, key.bytes(), value.bytes());
        assertThat(root).isEqualTo(Hash.sha256(leaf));
        assertThat(temp.dump(Column.STATE_NODES)).containsExactly("0000=" + HEX.formatHex(leaf));
        assertThat(tree.prove(key).siblings()).isEmpty();
    }

    @Test
    void twoLeavesSplittingAtTheFirstBitPinTheInternalEncodingAndPositions() {
        Hash left = key(0x10, "left");
        Hash right = key(0x90, "right");

        Hash root = commit(put(left, value("l"), right, value("r")));

        byte[] leftLeaf = concat(new byte[] {0}, left.bytes(), value("l").bytes());
        byte[] rightLeaf = concat(new byte[] {0}, right.bytes(), value("r").bytes());
        byte[] internal = concat(new byte[] {1}, Hash.sha256(leftLeaf).bytes(), Hash.sha256(rightLeaf).bytes());
        assertThat(root).isEqualTo(Hash.sha256(internal));
        assertThat(temp.dump(Column.STATE_NODES)).containsExactly(
                "0000=" + HEX.formatHex(internal),
                "000100=" + HEX.formatHex(leftLeaf),
                "000180=" + HEX.formatHex(rightLeaf));
    }

    @Test
    void keysDifferingOnlyInTheLastBitLiveAtDepth256AndCollapseBackWhenOneGoes() {
        byte[] base = Hash.sha256(bytes("deep")).bytes();
        base[31] &= (byte) 0xFE;
        Hash even = Hash.wrap(base);
        base[31] |= 1;
        Hash odd = Hash.wrap(base);

        Hash root = commit(put(even, value("e"), odd, value("o")));

        assertThat(root).isEqualTo(ReferenceTree.root(new TreeMap<>(Map.of(even, value("e"), odd, value("o")))));
        assertThat(temp.dump(Column.STATE_NODES)).hasSize(256 + 2);
        StateProof proof = tree.prove(odd);
        assertThat(proof.siblings()).hasSize(256);
        assertThat(proof.verify(root, odd, Optional.of(value("o")))).isTrue();
        assertThat(proof.encode()).hasSizeLessThan(1 + 32 + 2 + 32 + 2 * 32);

        Hash collapsed = commit(delete(odd));

        assertThat(collapsed).isEqualTo(Hash.sha256(concat(new byte[] {0}, even.bytes(), value("e").bytes())));
        assertThat(temp.dump(Column.STATE_NODES)).hasSize(1);
    }

    @Test
    void proofsEndAtAnEmptySubtreeOrAtAnotherLeafOnThePath() {
        Hash a = key(0x00, "a");
        Hash b = key(0x40, "b");
        Hash root = commit(put(a, value("a"), b, value("b")));

        Hash underEmptySide = key(0x80, "c");
        StateProof empty = tree.prove(underEmptySide);
        assertThat(empty.kind()).isEqualTo(StateProof.Kind.ABSENT_EMPTY);
        assertThat(empty.siblings()).hasSize(1);
        assertThat(empty.verify(root, underEmptySide, Optional.empty())).isTrue();

        Hash besideA = key(0x01, "d");
        StateProof other = tree.prove(besideA);
        assertThat(other.kind()).isEqualTo(StateProof.Kind.ABSENT_OTHER_LEAF);
        assertThat(other.siblings()).hasSize(2);
        assertThat(other.verify(root, besideA, Optional.empty())).isTrue();
        // The same proof says nothing about a key whose path it does not follow.
        assertThat(other.verify(root, underEmptySide, Optional.empty())).isFalse();
        // Nor does it let the other leaf's own key pass as absent.
        assertThat(other.verify(root, a, Optional.empty())).isFalse();
    }

    @Test
    void applyWritesNothingButTheWriteSetUntilTheCallerCommitsIt() {
        Hash committed = commit(put(key(0x00, "a"), value("a")));

        WriteSet out = new WriteSet();
        Hash next = tree.apply(put(key(0x80, "b"), value("b")), out);

        assertThat(next).isNotEqualTo(committed);
        assertThat(tree.root()).isEqualTo(committed);
        assertThat(new StateTree(temp.store()).root()).isEqualTo(committed);
        temp.store().write(out, Durability.SYNC);
        assertThat(tree.root()).isEqualTo(next);
    }

    @Test
    void appliesIntoOneUnwrittenWriteSetCompose() {
        commit(put(key(0x00, "a"), value("a")));
        WriteSet out = new WriteSet();
        tree.apply(put(key(0x80, "b"), value("b")), out);
        Hash second = tree.apply(delete(key(0x00, "a")), out);
        temp.store().write(out, Durability.SYNC);

        TreeMap<Hash, Hash> expected = new TreeMap<>();
        expected.put(key(0x80, "b"), value("b"));
        assertThat(second).isEqualTo(ReferenceTree.root(expected));
        assertThat(tree.root()).isEqualTo(second);
        assertThat(temp.dump(Column.STATE_NODES)).hasSize(1);
    }

    @Test
    void changesThatChangeNothingWriteNothing() {
        Hash root = commit(put(key(0x00, "a"), value("a"), key(0x80, "b"), value("b")));
        TreeMap<Hash, Optional<Hash>> changes = put(key(0x00, "a"), value("a"));
        changes.put(key(0x40, "absent"), Optional.empty());

        WriteSet out = new WriteSet();
        assertThat(tree.apply(changes, out)).isEqualTo(root);
        assertThat(out.isEmpty()).isTrue();
    }

    @Test
    void callerMapOrderDoesNotMatter() {
        TreeMap<Hash, Optional<Hash>> reversed = new TreeMap<>(Comparator.reverseOrder());
        reversed.putAll(put(key(0x00, "a"), value("a"), key(0x80, "b"), value("b")));
        reversed.put(key(0x81, "c"), Optional.of(value("c")));

        WriteSet out = new WriteSet();
        Hash root = tree.apply(reversed, out);

        TreeMap<Hash, Hash> expected = new TreeMap<>();
        reversed.forEach((key, value) -> expected.put(key, value.orElseThrow()));
        assertThat(root).isEqualTo(ReferenceTree.root(expected));
    }

    @Test
    void oneChangeInTenThousandLeavesWritesLogarithmicallyManyNodes() {
        TreeMap<Hash, Hash> model = new TreeMap<>();
        for (int i = 0; i < 10_000; i++) {
            model.put(Hash.sha256(bytes("account " + i)), value("v" + i));
        }
        TreeMap<Hash, Optional<Hash>> leaves = new TreeMap<>();
        model.forEach((key, value) -> leaves.put(key, Optional.of(value)));
        commit(leaves);

        for (TreeMap<Hash, Optional<Hash>> change : List.of(
                put(Hash.sha256(bytes("account 17")), value("new")),
                put(Hash.sha256(bytes("account new")), value("new")),
                delete(Hash.sha256(bytes("account 4242"))))) {
            WriteSet out = new WriteSet();
            Hash root = tree.apply(change, out);
            assertThat(out.size()).isPositive().isLessThan(64);
            temp.store().write(out, Durability.ASYNC);

            change.forEach((key, value) -> value.ifPresentOrElse(v -> model.put(key, v), () -> model.remove(key)));
            assertThat(root).isEqualTo(ReferenceTree.root(model));
        }
        assertThat(temp.dump(Column.STATE_NODES).size()).isEqualTo(ReferenceTree.nodeCount(model));
    }

    @Test
    void aCorruptNodeFailsLoudlyInsteadOfYieldingARoot() {
        commit(put(key(0x00, "a"), value("a"), key(0x80, "b"), value("b")));
        byte[] tampered = concat(new byte[] {0}, key(0x80, "b").bytes(), value("x").bytes());
        temp.store().write(new WriteSet().put(Column.STATE_NODES, new byte[] {0, 1, (byte) 0x80}, tampered),
                Durability.SYNC);

        assertThatThrownBy(() -> tree.prove(key(0x80, "b")))
                .isInstanceOf(StorageException.class).hasMessageContaining("corrupt");
        assertThatThrownBy(() -> tree.apply(put(key(0x81, "c"), value("c")), new WriteSet()))
                .isInstanceOf(StorageException.class).hasMessageContaining("corrupt");

        temp.store().write(new WriteSet().put(Column.STATE_NODES, new byte[] {0, 0}, new byte[] {7}), Durability.SYNC);
        assertThatThrownBy(() -> tree.root())
                .isInstanceOf(StorageException.class).hasMessageContaining("corrupt");
    }

    @Test
    void rejectsNullArguments() {
        TreeMap<Hash, Optional<Hash>> withNull = new TreeMap<>();
        withNull.put(key(0x00, "a"), null);
        assertThatThrownBy(() -> tree.apply(withNull, new WriteSet())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.apply(null, new WriteSet())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.prove(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private Hash commit(TreeMap<Hash, Optional<Hash>> changes) {
        WriteSet out = new WriteSet();
        Hash root = tree.apply(changes, out);
        temp.store().write(out, Durability.SYNC);
        assertThat(tree.root()).isEqualTo(root);
        return root;
    }

    /** A key whose first byte is {@code first}, so tests can place it in the tree by hand. */
    private static Hash key(int first, String salt) {
        byte[] key = Hash.sha256(bytes(salt)).bytes();
        key[0] = (byte) first;
        return Hash.wrap(key);
    }

    private static Hash value(String text) {
        return Hash.sha256(bytes("value " + text));
    }

    private static TreeMap<Hash, Optional<Hash>> put(Hash key, Hash value) {
        TreeMap<Hash, Optional<Hash>> changes = new TreeMap<>();
        changes.put(key, Optional.of(value));
        return changes;
    }

    private static TreeMap<Hash, Optional<Hash>> put(Hash key1, Hash value1, Hash key2, Hash value2) {
        TreeMap<Hash, Optional<Hash>> changes = put(key1, value1);
        changes.put(key2, Optional.of(value2));
        return changes;
    }

    private static TreeMap<Hash, Optional<Hash>> delete(Hash key) {
        TreeMap<Hash, Optional<Hash>> changes = new TreeMap<>();
        changes.put(key, Optional.empty());
        return changes;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
