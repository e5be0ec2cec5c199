package network.mira.core.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiPredicate;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KeyValueStore} on RocksDB, one column family per {@link Column}.
 *
 * <p>Native handles are owned here and released by {@link #close()} in reverse order of creation:
 * column family handles, then the database, then the options and cache they used. A read-write
 * lock keeps {@code close} from freeing native memory under a running operation (which would crash
 * the JVM rather than throw); operations after close fail with {@link StorageException}.
 */
public final class RocksKeyValueStore implements KeyValueStore {
    private static final Logger LOG = LoggerFactory.getLogger(RocksKeyValueStore.class);

    // Sized for a validator on a modest machine; every memory consumer is bounded.
    private static final long BLOCK_CACHE_BYTES = 256L * 1024 * 1024;
    private static final long WRITE_BUFFER_BYTES = 16L * 1024 * 1024;
    private static final int WRITE_BUFFERS_PER_COLUMN_MAX = 2;
    private static final long WAL_BYTES_MAX = 256L * 1024 * 1024;
    private static final int OPEN_FILES_MAX = 1024;
    private static final int INFO_LOG_FILES_KEPT = 5;
    private static final double BLOOM_BITS_PER_KEY = 10;

    static {
        // Idempotent, but doing it here means it happens once, before any option object exists.
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final RocksDB db;
    private final Map<Column, ColumnFamilyHandle> handles;
    private final WriteOptions syncWrites;
    private final WriteOptions asyncWrites;
    private final Deque<AutoCloseable> resources;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private RocksKeyValueStore(Path dir, RocksDB db, Map<Column, ColumnFamilyHandle> handles,
            WriteOptions syncWrites, WriteOptions asyncWrites, Deque<AutoCloseable> resources) {
        this.dir = dir;
        this.db = db;
        this.handles = handles;
        this.syncWrites = syncWrites;
        this.asyncWrites = asyncWrites;
        this.resources = resources;
    }

    /**
     * Opens (creating if needed) the store in {@code dir}, with every {@link Column}.
     *
     * @throws StorageException if the directory cannot be created, is locked by another process,
     *     or holds a database RocksDB cannot open
     */
    public static RocksKeyValueStore open(Path dir) {
        createDirectories(dir);
        // Closed last-in first-out, so each resource outlives everything created after it.
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            DBOptions dbOptions = push(resources, databaseOptions());
            LRUCache blockCache = push(resources, new LRUCache(BLOCK_CACHE_BYTES));
            BloomFilter bloomFilter = push(resources, new BloomFilter(BLOOM_BITS_PER_KEY));
            ColumnFamilyOptions columnOptions = push(resources, columnOptions(blockCache, bloomFilter));
            WriteOptions syncWrites = push(resources, new WriteOptions().setSync(true));
            WriteOptions asyncWrites = push(resources, new WriteOptions().setSync(false));

            List<byte[]> familyNames = familyNamesToOpen(dir);
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (byte[] name : familyNames) {
                descriptors.add(new ColumnFamilyDescriptor(name, columnOptions));
            }
            List<ColumnFamilyHandle> opened = new ArrayList<>();
            RocksDB db = openDatabase(dir, dbOptions, descriptors, opened);
            resources.push(new DatabaseCloser(db, dir));
            opened.forEach(resources::push);
            return new RocksKeyValueStore(dir, db, mapHandles(familyNames, opened), syncWrites,
                    asyncWrites, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    @Override
    public Optional<byte[]> get(Column column, byte[] key) {
        requireKey(key);
        lifecycle.readLock().lock();
        try {
            ColumnFamilyHandle handle = handle(column, "get");
            return Optional.ofNullable(db.get(handle, key));
        } catch (RocksDBException e) {
            throw failure("get", column, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void write(WriteSet writes, Durability durability) {
        if (writes == null || durability == null) {
            throw new IllegalArgumentException("writes and durability must not be null");
        }
        lifecycle.readLock().lock();
        try (WriteBatch batch = new WriteBatch()) {
            requireOpen("write");
            for (WriteSet.Operation operation : writes.operations()) {
                ColumnFamilyHandle handle = handles.get(operation.column());
                if (operation.isDelete()) {
                    batch.delete(handle, operation.keyBytes());
                } else {
                    batch.put(handle, operation.keyBytes(), operation.valueBytes());
                }
            }
            db.write(durability == Durability.SYNC ? syncWrites : asyncWrites, batch);
        } catch (RocksDBException e) {
            throw new StorageException("RocksDB write of " + writes.size() + " operations to columns "
                    + columnsOf(writes) + " failed: " + describe(e), e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void scan(Column column, byte[] fromInclusive, byte[] toExclusive, int limit,
            BiPredicate<byte[], byte[]> visitor) {
        if (limit <= 0) {
            throw new IllegalArgumentException("scan limit must be positive: " + limit);
        }
        if (visitor == null) {
            throw new IllegalArgumentException("visitor must not be null");
        }
        lifecycle.readLock().lock();
        try (RocksIterator iterator = db.newIterator(handle(column, "scan"))) {
            if (fromInclusive == null) {
                iterator.seekToFirst();
            } else {
                iterator.seek(fromInclusive);
            }
            int visited = 0;
            while (visited < limit && iterator.isValid()) {
                byte[] key = iterator.key();
                // RocksDB's default comparator is unsigned bytewise, the same order as this check.
                if (toExclusive != null && Arrays.compareUnsigned(key, toExclusive) >= 0) {
                    break;
                }
                visited++;
                if (!visitor.test(key, iterator.value())) {
                    break;
                }
                iterator.next();
            }
            iterator.status();
        } catch (RocksDBException e) {
            throw failure("scan", column, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public Optional<Map.Entry<byte[], byte[]>> last(Column column) {
        lifecycle.readLock().lock();
        try (RocksIterator iterator = db.newIterator(handle(column, "last"))) {
            iterator.seekToLast();
            if (!iterator.isValid()) {
                iterator.status();
                return Optional.empty();
            }
            return Optional.of(Map.entry(iterator.key(), iterator.value()));
        } catch (RocksDBException e) {
            throw failure("last", column, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void close() {
        if (lifecycle.getReadHoldCount() > 0) {
            // Upgrading a read lock would deadlock; this is a scan visitor closing its own store.
            throw new IllegalStateException("close() called from inside a store operation");
        }
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeAll(resources);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private ColumnFamilyHandle handle(Column column, String operation) {
        if (column == null) {
            throw new IllegalArgumentException("column must not be null");
        }
        requireOpen(operation + " on column '" + column.familyName() + "'");
        return handles.get(column);
    }

    private void requireOpen(String operation) {
        if (closed) {
            throw new StorageException("store at " + dir + " is closed; cannot " + operation);
        }
    }

    private static void requireKey(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
    }

    private static DBOptions databaseOptions() {
        return new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setParanoidChecks(true)
                .setMaxOpenFiles(OPEN_FILES_MAX)
                .setMaxTotalWalSize(WAL_BYTES_MAX)
                .setKeepLogFileNum(INFO_LOG_FILES_KEPT);
    }

    private static ColumnFamilyOptions columnOptions(LRUCache blockCache, BloomFilter bloomFilter) {
        // Index and filter blocks go through the bounded cache instead of unbounded heap.
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(blockCache)
                .setFilterPolicy(bloomFilter)
                .setCacheIndexAndFilterBlocks(true)
                .setPinL0FilterAndIndexBlocksInCache(true);
        return new ColumnFamilyOptions()
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMaxWriteBufferNumber(WRITE_BUFFERS_PER_COLUMN_MAX)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setTableFormatConfig(table);
    }

    /**
     * RocksDB refuses to open a database unless every existing family is named, so families this
     * version does not know (written by a newer one) are opened too, and left alone.
     */
    private static List<byte[]> familyNamesToOpen(Path dir) {
        Set<String> names = new TreeSet<>();
        for (Column column : Column.values()) {
            names.add(column.familyName());
        }
        for (String existing : existingFamilyNames(dir)) {
            if (names.add(existing) && !existing.equals(defaultFamilyName())) {
                LOG.warn("data dir {} has column family '{}' unknown to this version; leaving it untouched",
                        dir, existing);
            }
        }
        names.remove(defaultFamilyName());
        List<byte[]> ordered = new ArrayList<>();
        ordered.add(RocksDB.DEFAULT_COLUMN_FAMILY);
        for (String name : names) {
            ordered.add(name.getBytes(StandardCharsets.UTF_8));
        }
        return ordered;
    }

    private static List<String> existingFamilyNames(Path dir) {
        if (!Files.exists(dir.resolve("CURRENT"))) {
            return List.of();
        }
        try (Options options = new Options()) {
            List<String> names = new ArrayList<>();
            for (byte[] name : RocksDB.listColumnFamilies(options, dir.toString())) {
                names.add(new String(name, StandardCharsets.UTF_8));
            }
            return names;
        } catch (RocksDBException e) {
            throw new StorageException("cannot list column families of data dir " + dir + ": " + describe(e), e);
        }
    }

    private static String defaultFamilyName() {
        return new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8);
    }

    private static RocksDB openDatabase(Path dir, DBOptions options, List<ColumnFamilyDescriptor> descriptors,
            List<ColumnFamilyHandle> opened) {
        try {
            return RocksDB.open(options, dir.toString(), descriptors, opened);
        } catch (RocksDBException e) {
            if (isLockFailure(e)) {
                throw new StorageException("data dir " + dir + " is locked: another node may be using the "
                        + "data dir (only one process may open it at a time); RocksDB: " + describe(e), e);
            }
            throw new StorageException("cannot open RocksDB in data dir " + dir + ": " + describe(e), e);
        }
    }

    // RocksDB reports a held LOCK file as an IOError naming the file ("While lock file: .../LOCK"
    // from another process, "lock hold by current process" from this one).
    private static boolean isLockFailure(RocksDBException e) {
        Status status = e.getStatus();
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return (status == null || status.getCode() == Status.Code.IOError) && message.contains("lock");
    }

    private static Map<Column, ColumnFamilyHandle> mapHandles(List<byte[]> names, List<ColumnFamilyHandle> opened) {
        Map<Column, ColumnFamilyHandle> byColumn = new EnumMap<>(Column.class);
        for (Column column : Column.values()) {
            for (int i = 0; i < names.size(); i++) {
                if (Arrays.equals(names.get(i), column.familyNameBytes())) {
                    byColumn.put(column, opened.get(i));
                }
            }
        }
        if (byColumn.size() != Column.values().length) {
            throw new IllegalStateException("RocksDB did not open every column: " + byColumn.keySet());
        }
        return byColumn;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("cannot create data dir " + dir + ": " + e.getMessage(), e);
        }
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> resources, T resource) {
        resources.push(resource);
        return resource;
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                // Keep releasing the rest; a failed close leaks at most this one handle.
                LOG.warn("failed to release RocksDB resource {}", resource, e);
            }
        }
    }

    private static StorageException failure(String operation, Column column, RocksDBException e) {
        return new StorageException(
                "RocksDB " + operation + " on column '" + column.familyName() + "' failed: " + describe(e), e);
    }

    private static String describe(RocksDBException e) {
        Status status = e.getStatus();
        return status == null ? String.valueOf(e.getMessage()) : status.getCodeString() + ": " + e.getMessage();
    }

    private static Set<String> columnsOf(WriteSet writes) {
        Set<String> names = new TreeSet<>();
        for (WriteSet.Operation operation : writes.operations()) {
            names.add(operation.column().familyName());
        }
        return names;
    }

    /** Makes unsynced (ASYNC) writes durable, then closes the database. */
    private record DatabaseCloser(RocksDB db, Path dir) implements AutoCloseable {
        @Override
        public void close() throws RocksDBException {
            try {
                db.syncWal();
            } catch (RocksDBException e) {
                LOG.warn("could not sync the write-ahead log of {} on close: {}", dir, describe(e));
            }
            db.closeE();
        }
    }
}
