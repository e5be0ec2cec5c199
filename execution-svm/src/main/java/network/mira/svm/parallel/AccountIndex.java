package network.mira.svm.parallel;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Message;

/**
 * Small integer ids for the accounts one block declares, so that scheduling and pending writes
 * work on arrays instead of hashing 32-byte keys again and again. Registration is thread-safe and
 * runs on all workers. Which id an account gets depends on thread timing; nothing observable does:
 * ids are only compared for equality and used as array slots.
 */
final class AccountIndex {
    static final int NO_ID = -1;

    private final ConcurrentHashMap<AccountKey, Integer> ids;
    private final AtomicInteger nextId = new AtomicInteger();
    /**
     * Per transaction, each of its account keys in message order as a {@link ConflictScheduler#write}
     * or {@link ConflictScheduler#read} access to the account's id.
     */
    private final int[][] accesses;

    AccountIndex(int transactionCount) {
        // Transfers declare three accounts, one of them the shared program id: 2-3 per transaction.
        this.ids = new ConcurrentHashMap<>(Math.max(16, 3 * transactionCount));
        this.accesses = new int[transactionCount][];
    }

    /** Registers transaction {@code index}'s accounts; each transaction once, from any thread. */
    void register(int index, Message message) {
        List<PublicKey> accountKeys = message.accountKeys();
        int[] assigned = new int[accountKeys.size()];
        for (int i = 0; i < assigned.length; i++) {
            int id = idOf(new AccountKey(accountKeys.get(i)));
            assigned[i] = message.isWritable(i) ? ConflictScheduler.write(id) : ConflictScheduler.read(id);
        }
        accesses[index] = assigned;
    }

    private int idOf(AccountKey key) {
        Integer known = ids.get(key);
        if (known != null) {
            return known;
        }
        int fresh = nextId.getAndIncrement();
        Integer raced = ids.putIfAbsent(key, fresh);
        return raced != null ? raced : fresh; // a lost race leaves the fresh id unused
    }

    /** Transaction {@code index}'s accesses, one per account key in message order (not a copy). */
    int[] accesses(int index) {
        return accesses[index];
    }

    /** Every transaction's accesses, for the scheduler (not a copy). */
    int[][] accesses() {
        return accesses;
    }

    /** The id of an account some transaction of the block declared, or {@link #NO_ID}. */
    int find(PublicKey key) {
        Integer id = ids.get(new AccountKey(key));
        return id == null ? NO_ID : id;
    }

    /** One more than the largest id handed out; slots below it may be unused. Read after registration. */
    int idBound() {
        return nextId.get();
    }
}
