package network.mira.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksKeyValueStoreTest {
    @TempDir
    Path dir;

    private RocksKeyValueStore store;

    @BeforeEach
    void open() {
        store = RocksKeyValueStore.open(dir.resolve("db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void putGetDeleteInEveryColumn() {
        for (Column column : Column.values()) {
            byte[] key = bytes("key-" + column.familyName());
            assertThat(store.get(column, key)).isEmpty();

            store.write(new WriteSet().put(column, key, bytes("value")), Durability.SYNC);
            assertThat(store.get(column, key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("value")));

            store.write(new WriteSet().delete(column, key), Durability.ASYNC);
            assertThat(store.get(column, key)).isEmpty();
        }
    }

    @Test
    void columnsDoNotSeeEachOthersKeys() {
        byte[] key = bytes("same-key");
        store.write(new WriteSet()
                .put(Column.ACCOUNTS, key, bytes("account"))
                .put(Column.BLOCKS, key, bytes("block")), Durability.SYNC);

        assertThat(store.get(Column.ACCOUNTS, key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("account")));
        assertThat(store.get(Column.BLOCKS, key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("block")));
        assertThat(store.get(Column.META, key)).isEmpty();
        assertThat(store.last(Column.CERTIFICATES)).isEmpty();

        store.write(new WriteSet().delete(Column.ACCOUNTS, key), Durability.SYNC);
        assertThat(store.get(Column.BLOCKS, key)).isPresent();
    }

    @Test
    void writeSetAppliesInOrderSoTheLastOperationOnAKeyWins() {
        byte[] key = bytes("k");
        store.write(new WriteSet()
                .put(Column.META, key, bytes("first"))
                .put(Column.META, key, bytes("second"))
                .delete(Column.META, bytes("absent"))
                .put(Column.META, bytes("gone"), bytes("x"))
                .delete(Column.META, bytes("gone")), Durability.SYNC);

        assertThat(store.get(Column.META, key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("second")));
        assertThat(store.get(Column.META, bytes("gone"))).isEmpty();
    }

    @Test
    void dataSurvivesReopenForBothDurabilities() {
        store.write(new WriteSet().put(Column.BLOCKS, BigEndian.u64(1), bytes("sync")), Durability.SYNC);
        store.write(new WriteSet().put(Column.BLOCKS, BigEndian.u64(2), bytes("async")), Durability.ASYNC);
        store.close();

        store = RocksKeyValueStore.open(dir.resolve("db"));

        assertThat(store.get(Column.BLOCKS, BigEndian.u64(1))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("sync")));
        assertThat(store.get(Column.BLOCKS, BigEndian.u64(2))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("async")));
    }

    @Test
    void aWriteSetAcrossColumnsIsVisibleWholeAfterReopen() {
        WriteSet writes = new WriteSet();
        for (int i = 0; i < 1000; i++) {
            writes.put(Column.values()[i % Column.values().length], BigEndian.u64(i), BigEndian.u64(i * 7L));
        }
        store.write(writes, Durability.SYNC);
        store.close();

        store = RocksKeyValueStore.open(dir.resolve("db"));

        for (int i = 0; i < 1000; i++) {
            byte[] expected = BigEndian.u64(i * 7L);
            assertThat(store.get(Column.values()[i % Column.values().length], BigEndian.u64(i)))
                    .hasValueSatisfying(v -> assertThat(v).isEqualTo(expected));
        }
        int columns = Column.values().length;
        long inAccounts = java.util.stream.IntStream.range(0, 1000)
                .filter(i -> i % columns == Column.ACCOUNTS.ordinal()).count();
        assertThat(count(Column.ACCOUNTS)).isEqualTo(inAccounts);
    }

    @Test
    void aProcessKilledWhileWritingLeavesOnlyWholeWriteSets() throws Exception {
        Path shared = dir.resolve("killed");
        store.close();
        try (ChildJvm child = ChildJvm.start("write", shared)) {
            child.awaitLine("WRITING");
            Thread.sleep(150);
            child.kill();
        }

        store = RocksKeyValueStore.open(shared);

        long last = BigEndian.readU64(store.get(Column.META, StoreChildProcess.LAST_BATCH_KEY).orElseThrow());
        System.out.println("killed writer after batch " + last);
        assertThat(last).as("killed mid-stream").isLessThan(StoreChildProcess.MAX_BATCHES - 1);
        List<byte[]> markers = keys(Column.TX_STATUS);
        assertThat(markers).hasSize(1);
        assertThat(BigEndian.readU64(markers.get(0))).isEqualTo(last);
        assertThat(count(Column.ACCOUNTS)).isEqualTo((last + 1) * StoreChildProcess.OPS_PER_BATCH);
        for (int j = 0; j < StoreChildProcess.OPS_PER_BATCH; j++) {
            assertThat(store.get(Column.ACCOUNTS, StoreChildProcess.accountKey(last, j))).isPresent();
            assertThat(store.get(Column.ACCOUNTS, StoreChildProcess.accountKey(last + 1, j))).isEmpty();
        }
    }

    @Test
    void scanVisitsKeysInUnsignedOrderWithinBounds() {
        WriteSet writes = new WriteSet();
        for (int b : new int[] {0x80, 0x00, 0xFF, 0x7F, 0x10}) {
            writes.put(Column.ACCOUNTS, new byte[] {(byte) b}, new byte[] {(byte) b});
        }
        writes.put(Column.BLOCKS, new byte[] {0x11}, new byte[] {0});
        store.write(writes, Durability.SYNC);

        assertThat(scan(null, null, 100)).containsExactly(0x00, 0x10, 0x7F, 0x80, 0xFF);
        assertThat(scan(new byte[] {0x10}, new byte[] {(byte) 0x80}, 100)).containsExactly(0x10, 0x7F);
        assertThat(scan(new byte[] {0x11}, null, 100)).containsExactly(0x7F, 0x80, 0xFF);
        assertThat(scan(null, new byte[] {0x00}, 100)).isEmpty();
        assertThat(scan(new byte[] {(byte) 0x90}, new byte[] {0x10}, 100)).isEmpty();
    }

    @Test
    void scanStopsAtTheLimitOrWhenTheVisitorSaysSo() {
        WriteSet writes = new WriteSet();
        for (int height = 0; height < 300; height++) {
            writes.put(Column.BLOCK_HASHES, BigEndian.u64(height), new byte[0]);
        }
        store.write(writes, Durability.SYNC);

        assertThat(scan(Column.BLOCK_HASHES, null, null, 10, -1)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(scan(Column.BLOCK_HASHES, BigEndian.u64(255), null, 3, -1)).containsExactly(255L, 256L, 257L);
        assertThat(scan(Column.BLOCK_HASHES, null, null, 1000, 2)).containsExactly(0L, 1L, 2L);
        assertThatThrownBy(() -> store.scan(Column.BLOCK_HASHES, null, null, 0, (k, v) -> true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lastReturnsTheHighestKey() {
        assertThat(store.last(Column.BLOCKS)).isEmpty();
        WriteSet writes = new WriteSet();
        for (long height : new long[] {9, 255, 256, 3, 70_000}) {
            writes.put(Column.BLOCKS, BigEndian.u64(height), BigEndian.u64(height + 1));
        }
        store.write(writes, Durability.SYNC);

        Map.Entry<byte[], byte[]> last = store.last(Column.BLOCKS).orElseThrow();
        assertThat(BigEndian.readU64(last.getKey())).isEqualTo(70_000);
        assertThat(BigEndian.readU64(last.getValue())).isEqualTo(70_001);
    }

    @Test
    void aSecondOpenInThisProcessFailsNamingTheLock() {
        assertThatThrownBy(() -> RocksKeyValueStore.open(dir.resolve("db")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("another node may be using the data dir")
                .hasMessageContaining(dir.resolve("db").toString());
    }

    @Test
    void anOpenFromAnotherProcessFailsNamingTheLock() throws Exception {
        store.close();
        try (ChildJvm child = ChildJvm.start("hold", dir.resolve("db"))) {
            child.awaitLine("OPEN");
            assertThatThrownBy(() -> RocksKeyValueStore.open(dir.resolve("db")))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("another node may be using the data dir");
        }
        // The child released the lock when it exited.
        store = RocksKeyValueStore.open(dir.resolve("db"));
    }

    @Test
    void operationsAfterCloseFailClearlyAndCloseIsIdempotent() {
        store.close();
        store.close();

        assertThatThrownBy(() -> store.get(Column.META, bytes("k")))
                .isInstanceOf(StorageException.class).hasMessageContaining("closed").hasMessageContaining("meta");
        assertThatThrownBy(() -> store.write(new WriteSet().put(Column.META, bytes("k"), bytes("v")), Durability.SYNC))
                .isInstanceOf(StorageException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.scan(Column.BLOCKS, null, null, 1, (k, v) -> true))
                .isInstanceOf(StorageException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.last(Column.BLOCKS))
                .isInstanceOf(StorageException.class).hasMessageContaining("closed");
    }

    @Test
    void closingFromInsideAScanIsRefused() {
        store.write(new WriteSet().put(Column.META, bytes("k"), bytes("v")), Durability.SYNC);
        assertThatThrownBy(() -> store.scan(Column.META, null, null, 10, (k, v) -> {
            store.close();
            return true;
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.get(Column.META, bytes("k"))).isPresent();
    }

    @Test
    void openAddsMissingColumnsAndKeepsUnknownOnes() throws Exception {
        store.close();
        Path older = dir.resolve("older");
        createWithRawRocksDb(older, "meta", "from_a_newer_version");

        store = RocksKeyValueStore.open(older);

        assertThat(store.get(Column.META, bytes("k"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("meta")));
        store.write(new WriteSet().put(Column.STATE_NODES, bytes("k"), bytes("new column")), Durability.SYNC);
        store.close();
        store = RocksKeyValueStore.open(older);
        assertThat(store.get(Column.STATE_NODES, bytes("k"))).isPresent();
        store.close();
        try (Options options = new Options()) {
            assertThat(RocksDB.listColumnFamilies(options, older.toString()))
                    .extracting(name -> new String(name, StandardCharsets.UTF_8))
                    .contains("from_a_newer_version", "meta", "state_nodes");
        }
    }

    @Test
    void openFailsClearlyWhenTheDataDirIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> RocksKeyValueStore.open(file))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void valuesReturnedAreCopies() {
        store.write(new WriteSet().put(Column.META, bytes("k"), bytes("v")), Durability.SYNC);
        store.get(Column.META, bytes("k")).orElseThrow()[0] = 'x';
        assertThat(store.get(Column.META, bytes("k")).orElseThrow()).isEqualTo(bytes("v"));
    }

    private static void createWithRawRocksDb(Path path, String... families) throws Exception {
        Files.createDirectories(path);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        for (String family : families) {
            descriptors.add(new ColumnFamilyDescriptor(family.getBytes(StandardCharsets.UTF_8)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
                RocksDB db = RocksDB.open(options, path.toString(), descriptors, handles)) {
            db.put(handles.get(1), bytes("k"), bytes("meta"));
            handles.forEach(ColumnFamilyHandle::close);
        }
    }

    private List<Integer> scan(byte[] from, byte[] to, int limit) {
        List<Integer> seen = new ArrayList<>();
        store.scan(Column.ACCOUNTS, from, to, limit, (key, value) -> {
            assertThat(value).isEqualTo(key);
            seen.add(key[0] & 0xFF);
            return true;
        });
        return seen;
    }

    private List<Long> scan(Column column, byte[] from, byte[] to, int limit, long stopAfter) {
        List<Long> seen = new ArrayList<>();
        store.scan(column, from, to, limit, (key, value) -> {
            long height = BigEndian.readU64(key);
            seen.add(height);
            return height != stopAfter;
        });
        return seen;
    }

    private List<byte[]> keys(Column column) {
        List<byte[]> keys = new ArrayList<>();
        store.scan(column, null, null, Integer.MAX_VALUE, (key, value) -> keys.add(key));
        return keys;
    }

    private long count(Column column) {
        return keys(column).size();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
