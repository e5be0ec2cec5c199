package network.mira.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriteSetTest {
    @Test
    void refusesOperationsPastTheOperationLimitAndStaysUnchanged() {
        WriteSet writes = new WriteSet(3, 1_000);
        writes.put(Column.META, new byte[] {1}, new byte[] {1}).delete(Column.META, new byte[] {2})
                .put(Column.BLOCKS, new byte[] {3}, new byte[0]);

        assertThatThrownBy(() -> writes.delete(Column.META, new byte[] {4}))
                .isInstanceOf(WriteSetFullException.class).hasMessageContaining("3 operations");
        assertThat(writes.size()).isEqualTo(3);
        assertThat(writes.get(Column.META, new byte[] {4})).isEmpty();
    }

    @Test
    void refusesOperationsPastTheByteLimitAndStaysUnchanged() {
        WriteSet writes = new WriteSet(100, 10);
        writes.put(Column.META, new byte[4], new byte[4]);
        assertThat(writes.byteSize()).isEqualTo(8);

        assertThatThrownBy(() -> writes.put(Column.META, new byte[2], new byte[1]))
                .isInstanceOf(WriteSetFullException.class).hasMessageContaining("limit 10");
        writes.put(Column.META, new byte[1], new byte[1]);
        assertThat(writes.byteSize()).isEqualTo(10);
        assertThat(writes.size()).isEqualTo(2);
    }

    @Test
    void defaultsAreGenerousButFinite() {
        WriteSet writes = new WriteSet();
        assertThat(writes.maxOperations()).isEqualTo(1_000_000);
        assertThat(writes.maxBytes()).isEqualTo(512L * 1024 * 1024);
        assertThatThrownBy(() -> new WriteSet(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteSet(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getTellsUntouchedDeletedAndPutApartAndTheLastOperationWins() {
        WriteSet writes = new WriteSet()
                .put(Column.ACCOUNTS, new byte[] {1}, new byte[] {10})
                .put(Column.ACCOUNTS, new byte[] {1}, new byte[] {11})
                .put(Column.ACCOUNTS, new byte[] {2}, new byte[] {20})
                .delete(Column.ACCOUNTS, new byte[] {2});

        assertThat(writes.get(Column.ACCOUNTS, new byte[] {1})).hasValueSatisfying(
                value -> assertThat(value).hasValueSatisfying(v -> assertThat(v).containsExactly(11)));
        assertThat(writes.get(Column.ACCOUNTS, new byte[] {2})).contains(Optional.empty());
        assertThat(writes.get(Column.ACCOUNTS, new byte[] {3})).isEmpty();
        assertThat(writes.get(Column.BLOCKS, new byte[] {1})).isEmpty();
        assertThat(writes.operations()).hasSize(4);
        assertThat(writes.operations().get(3).isDelete()).isTrue();
    }

    @Test
    void keepsItsOwnCopiesOfKeysAndValues() {
        byte[] key = {1};
        byte[] value = {2};
        WriteSet writes = new WriteSet().put(Column.META, key, value);
        key[0] = 9;
        value[0] = 9;
        writes.operations().get(0).key()[0] = 7;

        WriteSet.Operation operation = writes.operations().get(0);
        assertThat(operation.key()).containsExactly(1);
        assertThat(operation.value()).hasValueSatisfying(v -> assertThat(v).containsExactly(2));
        assertThatThrownBy(() -> writes.operations().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsNulls() {
        WriteSet writes = new WriteSet();
        assertThatThrownBy(() -> writes.put(null, new byte[0], new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writes.put(Column.META, null, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writes.put(Column.META, new byte[0], null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writes.delete(Column.META, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
