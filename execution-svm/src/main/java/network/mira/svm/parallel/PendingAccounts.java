package network.mira.svm.parallel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.AccountReader;

/**
 * The block's writes so far on top of committed state, held by account id: what
 * {@link network.mira.svm.AccountOverlay} is to the serial executor, made for many threads. Reads
 * and writes of different accounts may run concurrently; the executor guarantees that nobody
 * reads an account while it is written (reads happen during a batch, writes between batches) and
 * that no two transactions of one batch write the same account. An empty account (no lamports, no
 * data) stands for a deleted one, as in the overlay.
 */
final class PendingAccounts {
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final long UNSIGNED_INT = 0xFFFF_FFFFL;

    private final AccountReader base;
    private final AccountIndex index;
    private final int workers;
    private final Account[] written;
    private final PublicKey[] writtenKeys;
    /** The first four bytes of each written address, as an unsigned number: the first sort key. */
    private final long[] writtenPrefixes;
    private final WorkerState[] workerStates;
    private long sortNanos;

    /** Create after every transaction of the block is registered in {@code index}. */
    PendingAccounts(AccountReader base, AccountIndex index, int workers) {
        this.base = base;
        this.index = index;
        this.workers = workers;
        this.written = new Account[index.idBound()];
        this.writtenKeys = new PublicKey[index.idBound()];
        this.writtenPrefixes = new long[index.idBound()];
        this.workerStates = new WorkerState[workers];
    }

    /** What transaction {@code transaction} sees: its own accounts are found without hashing. */
    AccountReader viewFor(int transaction, List<PublicKey> accountKeys) {
        int[] accesses = index.accesses(transaction);
        return address -> read(address, idOf(address, accountKeys, accesses));
    }

    private Optional<Account> read(PublicKey address, int id) {
        Account account = id == AccountIndex.NO_ID ? null : written[id];
        if (account == null) {
            return base.get(address);
        }
        return account.isEmpty() ? Optional.empty() : Optional.of(account);
    }

    /** Records transaction {@code transaction}'s writes, on worker {@code worker}; they are to accounts it declared. */
    void apply(int worker, int transaction, List<PublicKey> accountKeys, SortedMap<PublicKey, Account> writes) {
        int[] accesses = index.accesses(transaction);
        writes.forEach((address, account) -> {
            int id = idOf(address, accountKeys, accesses);
            if (id == AccountIndex.NO_ID) {
                throw new IllegalStateException("transaction " + transaction + " wrote undeclared account " + address);
            }
            if (writtenKeys[id] == null) {
                firstWrite(worker, id, address);
            }
            written[id] = account;
        });
    }

    /** Remembers the address and files the id for the worker that will sort its part of the address range. */
    private void firstWrite(int worker, int id, PublicKey address) {
        WorkerState state = workerState(worker);
        address.copyTo(state.scratch, 0);
        long prefix = (int) INTS.get(state.scratch, 0) & UNSIGNED_INT;
        writtenKeys[id] = address;
        writtenPrefixes[id] = prefix;
        state.firstWrites[shareOf(prefix)].add(id);
    }

    /** Which worker sorts addresses with this prefix: the shares are ascending ranges of the first byte. */
    private int shareOf(long prefix) {
        return (int) ((prefix >>> 24) * workers / 256);
    }

    /** Created by the worker itself, in its own memory, so no two workers write one cache line. */
    private WorkerState workerState(int worker) {
        WorkerState state = workerStates[worker];
        if (state == null) {
            state = new WorkerState(workers);
            workerStates[worker] = state;
        }
        return state;
    }

    /** The id of {@code address}: the transaction's own keys first (the executor passes those very objects). */
    private int idOf(PublicKey address, List<PublicKey> accountKeys, int[] accesses) {
        for (int i = 0; i < accesses.length; i++) {
            if (accountKeys.get(i) == address) {
                return ConflictScheduler.accountOf(accesses[i]);
            }
        }
        for (int i = 0; i < accesses.length; i++) {
            if (accountKeys.get(i).equals(address)) {
                return ConflictScheduler.accountOf(accesses[i]);
            }
        }
        return index.find(address);
    }

    /**
     * Every written account's final value in address order. Worker w sorts the addresses in its
     * share of the range and copies them to its place in the result, so the shares concatenate in
     * order without a merge and nothing here runs on one thread alone.
     */
    SortedMap<PublicKey, Account> changes(WorkerPool pool) {
        int[][] shares = new int[workers][];
        sortNanos = pool.runOnAll(worker -> shares[worker] = sortedShare(worker));
        int[] offsets = new int[workers + 1];
        for (int w = 0; w < workers; w++) {
            offsets[w + 1] = offsets[w] + shares[w].length;
        }
        PublicKey[] keys = new PublicKey[offsets[workers]];
        Account[] values = new Account[offsets[workers]];
        sortNanos += pool.runOnAll(worker -> {
            int at = offsets[worker];
            for (int id : shares[worker]) {
                keys[at] = writtenKeys[id];
                values[at] = written[id];
                at++;
            }
        });
        return new SortedAccountMap(keys, values);
    }

    /** Worker nanoseconds the last {@link #changes} took, summed. */
    long sortNanos() {
        return sortNanos;
    }

    /**
     * The ids in share {@code share}, in address order. Sorting primitive (prefix, id) pairs avoids
     * touching the addresses; only ids with equal four-byte prefixes (rare, unless someone chose
     * such addresses) are then ordered by comparing the addresses.
     */
    private int[] sortedShare(int share) {
        int count = 0;
        for (WorkerState state : workerStates) {
            count += state == null ? 0 : state.firstWrites[share].size;
        }
        long[] pairs = new long[count];
        int filled = 0;
        for (WorkerState state : workerStates) {
            if (state == null) {
                continue;
            }
            IntList ids = state.firstWrites[share];
            for (int i = 0; i < ids.size; i++) {
                int id = ids.values[i];
                // Flipping the top bit makes the signed sort order the unsigned order of (prefix, id).
                pairs[filled++] = (writtenPrefixes[id] << 32 | id) ^ Long.MIN_VALUE;
            }
        }
        Arrays.sort(pairs);
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = (int) pairs[i];
        }
        for (int start = 0; start < count; ) {
            int end = start + 1;
            while (end < count && pairs[end] >>> 32 == pairs[start] >>> 32) {
                end++;
            }
            if (end - start > 1) {
                sortByAddress(ids, start, end);
            }
            start = end;
        }
        return ids;
    }

    private void sortByAddress(int[] ids, int from, int to) {
        Integer[] run = new Integer[to - from];
        for (int i = from; i < to; i++) {
            run[i - from] = ids[i];
        }
        Arrays.sort(run, (a, b) -> writtenKeys[a].compareTo(writtenKeys[b]));
        for (int i = from; i < to; i++) {
            ids[i] = run[i - from];
            if (i > from && writtenKeys[ids[i - 1]].equals(writtenKeys[ids[i]])) {
                throw new IllegalStateException("address " + writtenKeys[ids[i]] + " holds two ids");
            }
        }
    }

    /** One worker's scratch space and the ids it wrote first, filed by share. */
    private static final class WorkerState {
        private final byte[] scratch = new byte[PublicKey.LENGTH];
        private final IntList[] firstWrites;

        WorkerState(int shares) {
            firstWrites = new IntList[shares];
            for (int share = 0; share < shares; share++) {
                firstWrites[share] = new IntList();
            }
        }
    }

    /** A growable list of ints, written by one thread. */
    private static final class IntList {
        private int[] values = new int[256];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }
}
