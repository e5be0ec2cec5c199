package network.mira.core.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs in a separate JVM for the cross-process tests: a second process must see the data dir
 * locked, and a process killed mid-stream must leave only whole write sets behind.
 *
 * <ul>
 *   <li>{@code hold DIR}: opens the store, prints {@code OPEN}, keeps it open until stdin closes.
 *   <li>{@code write DIR}: writes batches {@link #batch} 0, 1, 2, ... (printing {@code WRITING}
 *       after the first) until killed or {@link #MAX_BATCHES} are written.
 * </ul>
 */
public final class StoreChildProcess {
    static final int OPS_PER_BATCH = 40;
    static final int VALUE_BYTES = 64;
    static final int MAX_BATCHES = 100_000;
    static final byte[] LAST_BATCH_KEY = "last-batch".getBytes(StandardCharsets.UTF_8);

    private StoreChildProcess() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        try (RocksKeyValueStore store = RocksKeyValueStore.open(dir)) {
            if (args[0].equals("hold")) {
                System.out.println("OPEN");
                System.out.flush();
                while (System.in.read() != -1) {
                    // wait for the parent to close our stdin
                }
                return;
            }
            for (int i = 0; i < MAX_BATCHES; i++) {
                store.write(batch(i), Durability.ASYNC);
                if (i == 0) {
                    System.out.println("WRITING");
                    System.out.flush();
                }
            }
            System.out.println("DONE");
        }
    }

    /**
     * Batch {@code i}: {@link #OPS_PER_BATCH} account puts, the tx-status marker for {@code i} put
     * and for {@code i - 1} deleted, and META's last-batch number. Any proper prefix of it on disk
     * is detectable.
     */
    static WriteSet batch(long i) {
        WriteSet writes = new WriteSet();
        for (int j = 0; j < OPS_PER_BATCH; j++) {
            byte[] value = new byte[VALUE_BYTES];
            value[0] = (byte) j;
            writes.put(Column.ACCOUNTS, accountKey(i, j), value);
        }
        writes.put(Column.TX_STATUS, BigEndian.u64(i), new byte[] {1});
        if (i > 0) {
            writes.delete(Column.TX_STATUS, BigEndian.u64(i - 1));
        }
        writes.put(Column.META, LAST_BATCH_KEY, BigEndian.u64(i));
        return writes;
    }

    static byte[] accountKey(long batch, int index) {
        return BigEndian.withU64Suffix(BigEndian.u64(batch), index);
    }
}
