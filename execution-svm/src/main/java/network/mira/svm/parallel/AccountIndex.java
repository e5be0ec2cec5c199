package network.mira.svm.parallel;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Message;

/**
 * Small integer ids for the accounts one block declares, so that scheduling and pending writes
 * work on arrays instead of hashing 32-byte keys again and again.
 *
 * <p>Built on all workers in two steps, without any shared hash table (one was the main thing
 * keeping two cores from being twice as fast: its cache lines bounced between them):
 * <ol>
 *   <li>{@link #collect}: per transaction, on any worker, each account key is hashed and filed in
 *       that worker's outbox for the key's shard;
 *   <li>{@link #assign}: per shard, on one worker, keys get ids from a map private to the shard.
 * </ol>
 * Which id an account gets depends on thread timing; nothing observable does: ids are only
 * compared for equality and used as array slots.
 */
final class AccountIndex {
    static final int NO_ID = -1;
    private static final int SCRATCH_BYTES = 128; // a cache line or more: no sharing between workers
    /** Keys a worker remembers, so one repeated across its transactions (a program id, a hot account) is one object. */
    private static final int RECENT_KEYS = 64;

    private final int shards;
    private final int outboxCapacity;
    private final WorkerState[] workerStates;
    private final HashMap<AccountKey, AccountKey>[] maps;
    private final int[] idsPerShard;
    /**
     * Per transaction, each of its account keys in message order as a {@link ConflictScheduler#write}
     * or {@link ConflictScheduler#read} access to the account's id.
     */
    private final int[][] accesses;
    private final boolean[] touchesContended;

    @SuppressWarnings("unchecked")
    AccountIndex(int transactionCount, int workers) {
        this.shards = workers;
        this.outboxCapacity = Math.max(16, 3 * transactionCount / (workers * shards));
        this.workerStates = new WorkerState[workers];
        this.maps = new HashMap[shards];
        this.idsPerShard = new int[shards];
        this.accesses = new int[transactionCount][];
        this.touchesContended = new boolean[transactionCount];
    }

    /** Step 1 for transaction {@code index}, on worker {@code worker}; each transaction once. */
    void collect(int worker, int index, Message message) {
        List<PublicKey> accountKeys = message.accountKeys();
        accesses[index] = new int[accountKeys.size()];
        WorkerState state = workerState(worker);
        for (int position = 0; position < accountKeys.size(); position++) {
            AccountKey key = state.keyFor(accountKeys.get(position));
            state.outboxes[shardOf(key)].add(key, index, position, message.isWritable(position));
        }
    }

    /** Created by the worker itself, in its own memory, so no two workers write one cache line. */
    private WorkerState workerState(int worker) {
        WorkerState state = workerStates[worker];
        if (state == null) {
            state = new WorkerState(shards, outboxCapacity);
            workerStates[worker] = state;
        }
        return state;
    }

    /**
     * Step 2 for one shard, after every transaction is collected; each shard once, shards in
     * parallel. Also marks the transactions that touch a contended account of the shard: one that
     * some transaction writes and more than one transaction declares. Only those need scheduling.
     */
    void assign(int shard) {
        int total = 0;
        for (WorkerState state : workerStates) {
            total += state == null ? 0 : state.outboxes[shard].size;
        }
        HashMap<AccountKey, AccountKey> map = new HashMap<>(Math.max(16, total * 4 / 3 + 1));
        int[] declarations = new int[total]; // per local id
        boolean[] written = new boolean[total];
        int[] localIds = new int[total]; // per occurrence, in outbox order
        int occurrence = 0;
        int local = 0;
        for (WorkerState state : workerStates) {
            if (state == null) {
                continue; // this worker collected nothing
            }
            Outbox outbox = state.outboxes[shard];
            for (int i = 0; i < outbox.size; i++) {
                AccountKey key = outbox.keys[i];
                int id = key.id;
                if (id == NO_ID) {
                    AccountKey known = map.putIfAbsent(key, key);
                    // Ids interleave over shards, so they never clash.
                    id = known == null ? local++ * shards + shard : known.id;
                    key.id = id; // later occurrences sharing this key object skip the map
                }
                long slot = outbox.slots[i];
                boolean writes = Outbox.writable(slot);
                int localId = id / shards;
                localIds[occurrence++] = localId;
                declarations[localId]++;
                written[localId] |= writes;
                accesses[Outbox.transaction(slot)][Outbox.position(slot)] =
                        writes ? ConflictScheduler.write(id) : ConflictScheduler.read(id);
            }
        }
        markContended(shard, localIds, declarations, written);
        maps[shard] = map;
        idsPerShard[shard] = local;
    }

    private void markContended(int shard, int[] localIds, int[] declarations, boolean[] written) {
        int occurrence = 0;
        for (WorkerState state : workerStates) {
            if (state == null) {
                continue;
            }
            Outbox outbox = state.outboxes[shard];
            for (int i = 0; i < outbox.size; i++) {
                int localId = localIds[occurrence++];
                if (written[localId] && declarations[localId] > 1) {
                    // Several shards may set the same element; they all write true.
                    touchesContended[Outbox.transaction(outbox.slots[i])] = true;
                }
            }
        }
    }

    /** Per transaction: does it declare an account that another transaction also declares, and someone writes? */
    boolean[] touchesContended() {
        return touchesContended;
    }

    private int shardOf(AccountKey key) {
        return (int) (((key.hashCode() & 0xFFFF_FFFFL) * shards) >>> 32);
    }

    int shards() {
        return shards;
    }

    /** Transaction {@code index}'s accesses, one per account key in message order (not a copy). */
    int[] accesses(int index) {
        return accesses[index];
    }

    /** Every transaction's accesses, for the scheduler (not a copy). */
    int[][] accesses() {
        return accesses;
    }

    /** The id of an account some transaction of the block declared, or {@link #NO_ID}. After step 2. */
    int find(PublicKey address) {
        AccountKey key = new AccountKey(address);
        AccountKey known = maps[shardOf(key)].get(key);
        return known == null ? NO_ID : known.id;
    }

    /** Every id is below this; some slots below it may be unused. After step 2. */
    int idBound() {
        return Arrays.stream(idsPerShard).max().orElse(0) * shards;
    }

    /** One worker's outboxes (one per shard), hashing scratch space and recently seen keys. */
    private static final class WorkerState {
        private final Outbox[] outboxes;
        private final byte[] scratch = new byte[SCRATCH_BYTES];
        private final AccountKey[] recent = new AccountKey[RECENT_KEYS];

        WorkerState(int shards, int outboxCapacity) {
            outboxes = new Outbox[shards];
            for (int shard = 0; shard < shards; shard++) {
                outboxes[shard] = new Outbox(outboxCapacity);
            }
        }

        AccountKey keyFor(PublicKey address) {
            int hash = AccountKey.hashOf(address, scratch);
            int slot = hash & (RECENT_KEYS - 1);
            AccountKey seen = recent[slot];
            if (seen != null && seen.isFor(address, hash)) {
                return seen;
            }
            AccountKey key = new AccountKey(address, hash);
            recent[slot] = key;
            return key;
        }
    }

    /** Keys one worker filed for one shard, with where each came from. Written by one thread only. */
    private static final class Outbox {
        private AccountKey[] keys;
        /** Transaction index, key position and writability, packed: see {@link #add}. */
        private long[] slots;
        private int size;

        Outbox(int capacity) {
            keys = new AccountKey[capacity];
            slots = new long[capacity];
        }

        void add(AccountKey key, int transaction, int position, boolean writable) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                slots = Arrays.copyOf(slots, size * 2);
            }
            keys[size] = key;
            slots[size] = (long) transaction << 32 | (long) position << 1 | (writable ? 1 : 0);
            size++;
        }

        static int transaction(long slot) {
            return (int) (slot >>> 32);
        }

        static int position(long slot) {
            return (int) (slot & 0xFFFF_FFFFL) >>> 1;
        }

        static boolean writable(long slot) {
            return (slot & 1) != 0;
        }
    }
}
