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
 * reads an account while it is written (reads happen during a batch, writes between batches).
 * An empty account (no lamports, no data) stands for a deleted one, as in the overlay.
 */
final class PendingAccounts {
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final long UNSIGNED_INT = 0xFFFF_FFFFL;

    private final AccountReader base;
    private final AccountIndex index;
    private final Account[] written;
    private final PublicKey[] writtenKeys;
    /** The first four bytes of each written address, as an unsigned number: the first sort key. */
    private final long[] writtenPrefixes;

    /** Create after every transaction of the block is registered in {@code index}. */
    PendingAccounts(AccountReader base, AccountIndex index) {
        this.base = base;
        this.index = index;
        this.written = new Account[index.idBound()];
        this.writtenKeys = new PublicKey[index.idBound()];
        this.writtenPrefixes = new long[index.idBound()];
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

    /** Records transaction {@code transaction}'s writes; they are to accounts it declared. */
    void apply(int transaction, List<PublicKey> accountKeys, SortedMap<PublicKey, Account> writes) {
        int[] accesses = index.accesses(transaction);
        writes.forEach((address, account) -> {
            int id = idOf(address, accountKeys, accesses);
            if (id == AccountIndex.NO_ID) {
                throw new IllegalStateException("transaction " + transaction + " wrote undeclared account " + address);
            }
            if (writtenKeys[id] == null) {
                writtenKeys[id] = address;
                writtenPrefixes[id] = prefix(address);
            }
            written[id] = account;
        });
    }

    private static long prefix(PublicKey address) {
        byte[] bytes = new byte[PublicKey.LENGTH];
        address.copyTo(bytes, 0);
        return (int) INTS.get(bytes, 0) & UNSIGNED_INT;
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
     * Every written account's final value in address order. Worker w takes the addresses whose
     * first byte falls in its share of 0..255 and sorts them, so the shares concatenate in order
     * without a merge.
     */
    SortedMap<PublicKey, Account> changes(WorkerPool pool) {
        int workers = pool.workers();
        int[][] shares = new int[workers][];
        pool.runOnAll(worker -> shares[worker] = sortedShare(worker, workers));
        int total = 0;
        for (int[] share : shares) {
            total += share.length;
        }
        PublicKey[] keys = new PublicKey[total];
        Account[] values = new Account[total];
        int at = 0;
        for (int[] share : shares) {
            for (int id : share) {
                keys[at] = writtenKeys[id];
                values[at] = written[id];
                at++;
            }
        }
        return new SortedAccountMap(keys, values);
    }

    /**
     * The ids in this worker's share, in address order. Sorting primitive (prefix, id) pairs
     * avoids touching the addresses; only ids with equal four-byte prefixes (rare, unless
     * someone chose such addresses) are then ordered by comparing the addresses.
     */
    private int[] sortedShare(int worker, int workers) {
        int firstByte = 256 * worker / workers;
        int endByte = 256 * (worker + 1) / workers;
        long[] pairs = new long[written.length];
        int count = 0;
        for (int id = 0; id < written.length; id++) {
            int leadingByte = (int) (writtenPrefixes[id] >>> 24);
            if (writtenKeys[id] != null && leadingByte >= firstByte && leadingByte < endByte) {
                // Flipping the top bit makes the signed sort order the unsigned order of (prefix, id).
                pairs[count++] = (writtenPrefixes[id] << 32 | id) ^ Long.MIN_VALUE;
            }
        }
        Arrays.sort(pairs, 0, count);
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
}
