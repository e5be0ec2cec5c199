package network.mira.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.store.Column;
import network.mira.core.store.Durability;
import network.mira.core.store.WriteSet;

/**
 * The tree against {@link ReferenceTree} over random histories: random keys (many clustered so
 * that paths run deep, down to depth 256), random puts, updates and deletes, random batch splits.
 */
class StateTreePropertyTest {
    private static final byte[] CLUSTER_BASE = Hash.sha256(bytes("cluster")).bytes();

    @Property(tries = 40)
    void everyHistoryEndsAtTheReferenceRootWithExactlyTheTreesNodes(@ForAll("histories") History history) {
        TreeMap<Hash, Hash> model = new TreeMap<>();
        try (TempStore temp = TempStore.create()) {
            StateTree tree = new StateTree(temp.store());
            for (List<Op> batch : history.batches()) {
                TreeMap<Hash, Optional<Hash>> changes = new TreeMap<>();
                for (Op op : batch) {
                    changes.put(op.key(), op.value());
                    op.value().ifPresentOrElse(value -> model.put(op.key(), value), () -> model.remove(op.key()));
                }
                Hash before = tree.root();
                WriteSet out = new WriteSet();
                Hash root = tree.apply(changes, out);
                assertThat(tree.root()).as("committed root before the write").isEqualTo(before);

                temp.store().write(out, Durability.ASYNC);

                assertThat(root).isEqualTo(ReferenceTree.root(model));
                assertThat(new StateTree(temp.store()).root()).isEqualTo(root);
                assertThat(temp.dump(Column.STATE_NODES)).hasSize(ReferenceTree.nodeCount(model));
            }
            temp.reopen();
            assertThat(new StateTree(temp.store()).root()).isEqualTo(ReferenceTree.root(model));
            assertThat(temp.dump(Column.STATE_NODES)).isEqualTo(storedInOneBatch(model));

            deleteAll(temp, history.pool());
            assertThat(new StateTree(temp.store()).root()).isEqualTo(Hash.ZERO);
            assertThat(temp.dump(Column.STATE_NODES)).isEmpty();
        }
    }

    @Property(tries = 40)
    void proofsShowPresenceAndAbsenceAndNothingElse(@ForAll("histories") History history, @ForAll Random random) {
        TreeMap<Hash, Hash> model = history.finalState();
        try (TempStore temp = TempStore.create()) {
            StateTree tree = new StateTree(temp.store());
            insert(temp, model);
            Hash root = tree.root();
            List<Hash> queried = new ArrayList<>(history.pool());
            queried.add(Hash.sha256(root.bytes()));
            for (Hash key : queried) {
                StateProof proof = tree.prove(key);
                Optional<Hash> value = Optional.ofNullable(model.get(key));

                assertThat(proof.verify(root, key, value)).isTrue();
                assertThat(proof.kind() == StateProof.Kind.PRESENT).isEqualTo(value.isPresent());
                assertThat(proof.valueHash()).isEqualTo(value);
                assertRejectsEveryOtherClaim(proof, root, key, value, random);
                assertEncodingRoundTripsAndTruncationsFail(proof);
            }
        }
    }

    private static void assertRejectsEveryOtherClaim(
            StateProof proof, Hash root, Hash key, Optional<Hash> value, Random random) {
        Hash otherValue = value(99);
        assertThat(proof.verify(root, key, Optional.of(otherValue))).isFalse();
        if (value.isPresent()) {
            assertThat(proof.verify(root, key, Optional.empty())).isFalse();
        }
        assertThat(proof.verify(Hash.sha256(root.bytes()), key, value)).isFalse();
        if (!proof.siblings().isEmpty()) {
            List<Hash> tampered = new ArrayList<>(proof.siblings());
            int index = random.nextInt(tampered.size());
            tampered.set(index, Hash.sha256(tampered.get(index).bytes()));
            assertThat(withSiblings(proof, tampered).verify(root, key, value)).isFalse();
            List<Hash> withoutDeepest = proof.siblings().subList(1, proof.siblings().size());
            assertThat(withSiblings(proof, withoutDeepest).verify(root, key, value)).isFalse();
        }
    }

    private static StateProof withSiblings(StateProof proof, List<Hash> siblings) {
        return switch (proof.kind()) {
            case PRESENT -> StateProof.present(proof.leafValueHash(), siblings);
            case ABSENT_EMPTY -> StateProof.absentEmpty(siblings);
            case ABSENT_OTHER_LEAF -> StateProof.absentOtherLeaf(proof.leafKeyPath(), proof.leafValueHash(), siblings);
        };
    }

    private static void assertEncodingRoundTripsAndTruncationsFail(StateProof proof) {
        byte[] encoded = proof.encode();
        try {
            StateProof decoded = StateProof.decode(encoded);
            assertThat(decoded).isEqualTo(proof);
            assertThat(decoded.encode()).isEqualTo(encoded);
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
        for (int length = 0; length < encoded.length; length++) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> StateProof.decode(truncated)).isInstanceOf(DecodeException.class);
        }
        byte[] extended = Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> StateProof.decode(extended))
                .isInstanceOf(DecodeException.class).hasMessageContaining("trailing");
    }

    private static List<String> storedInOneBatch(TreeMap<Hash, Hash> model) {
        try (TempStore fresh = TempStore.create()) {
            insert(fresh, model);
            return fresh.dump(Column.STATE_NODES);
        }
    }

    private static void insert(TempStore temp, TreeMap<Hash, Hash> leaves) {
        TreeMap<Hash, Optional<Hash>> changes = new TreeMap<>();
        leaves.forEach((key, value) -> changes.put(key, Optional.of(value)));
        WriteSet out = new WriteSet();
        new StateTree(temp.store()).apply(changes, out);
        temp.store().write(out, Durability.ASYNC);
    }

    private static void deleteAll(TempStore temp, List<Hash> keys) {
        TreeMap<Hash, Optional<Hash>> changes = new TreeMap<>();
        keys.forEach(key -> changes.put(key, Optional.empty()));
        WriteSet out = new WriteSet();
        assertThat(new StateTree(temp.store()).apply(changes, out)).isEqualTo(Hash.ZERO);
        temp.store().write(out, Durability.ASYNC);
    }

    @Provide
    Arbitrary<History> histories() {
        return keys().list().uniqueElements().ofMinSize(1).ofMaxSize(50).flatMap(pool -> {
            Arbitrary<Op> op = Combinators.combine(Arbitraries.of(pool), Arbitraries.integers().between(0, 3))
                    .as((key, v) -> new Op(key, v == 0 ? Optional.empty() : Optional.of(value(v))));
            Arbitrary<List<Integer>> batchSizes = Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(8);
            return Combinators.combine(op.list().ofMaxSize(160), batchSizes)
                    .as((ops, sizes) -> new History(pool, ops, sizes));
        });
    }

    /** Mostly keys that share long prefixes, to exercise deep paths and the depth-256 limit. */
    private static Arbitrary<Hash> keys() {
        Arbitrary<Hash> random = Arbitraries.bytes().array(byte[].class).ofSize(Hash.LENGTH).map(Hash::wrap);
        Arbitrary<Hash> sameButLastByte = Arbitraries.integers().between(0, 255).map(last -> {
            byte[] key = CLUSTER_BASE.clone();
            key[Hash.LENGTH - 1] = (byte) (int) last;
            return Hash.wrap(key);
        });
        Arbitrary<Hash> oneBitAway = Arbitraries.integers().between(0, 255).map(bit -> {
            byte[] key = CLUSTER_BASE.clone();
            key[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
            return Hash.wrap(key);
        });
        return Arbitraries.frequencyOf(Tuple.of(3, random), Tuple.of(2, sameButLastByte), Tuple.of(2, oneBitAway));
    }

    private static Hash value(int v) {
        return Hash.sha256(bytes("value " + v));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    record Op(Hash key, Optional<Hash> value) {}

    /** {@code ops} over keys from {@code pool}, cut into batches of the given sizes (cycled). */
    record History(List<Hash> pool, List<Op> ops, List<Integer> batchSizes) {
        List<List<Op>> batches() {
            List<List<Op>> batches = new ArrayList<>();
            int from = 0;
            for (int i = 0; from < ops.size(); i++) {
                int to = Math.min(ops.size(), from + batchSizes.get(i % batchSizes.size()));
                batches.add(ops.subList(from, to));
                from = to;
            }
            return batches;
        }

        TreeMap<Hash, Hash> finalState() {
            TreeMap<Hash, Hash> state = new TreeMap<>();
            for (Op op : ops) {
                op.value().ifPresentOrElse(value -> state.put(op.key(), value), () -> state.remove(op.key()));
            }
            return state;
        }
    }
}
