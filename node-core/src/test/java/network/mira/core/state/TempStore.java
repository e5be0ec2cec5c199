package network.mira.core.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import network.mira.core.store.Column;
import network.mira.core.store.KeyValueStore;
import network.mira.core.store.RocksKeyValueStore;

/** A real RocksDB store in a fresh temporary directory (jqwik properties have no @TempDir). */
final class TempStore implements AutoCloseable {
    private final Path dir;
    private RocksKeyValueStore store;

    private TempStore(Path dir) {
        this.dir = dir;
        this.store = RocksKeyValueStore.open(dir);
    }

    static TempStore create() {
        try {
            return new TempStore(Files.createTempDirectory("mira-state-test"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    KeyValueStore store() {
        return store;
    }

    void reopen() {
        store.close();
        store = RocksKeyValueStore.open(dir);
    }

    /** Every entry of {@code column} as "key=value" hex, in key order. */
    List<String> dump(Column column) {
        List<String> entries = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        store.scan(column, null, null, Integer.MAX_VALUE, (key, value) ->
                entries.add(hex.formatHex(key) + "=" + hex.formatHex(value)));
        return entries;
    }

    @Override
    public void close() {
        store.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
