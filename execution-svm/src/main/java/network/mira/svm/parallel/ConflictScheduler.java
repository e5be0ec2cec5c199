package network.mira.svm.parallel;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import network.mira.core.crypto.PublicKey;

/**
 * Groups a block's transactions into batches ("waves") of mutually non-conflicting transactions.
 * Pure and deterministic: the plan depends only on the transactions' account locks and order.
 *
 * <p>Rule: a transaction goes into the first batch after every earlier transaction it conflicts
 * with. Per account we remember the last batch that wrote it and the last (highest) batch that
 * read it; a writer must come after both, a reader only after the last writer. A hot account
 * therefore serialises only the transactions that touch it, and everything else still lands in
 * the earliest batch its own accounts allow.
 *
 * <p>Batch size is not capped. A cap would only add batches, and every batch costs a hand-off to
 * the workers and a barrier; cache locality is already served inside a batch, where workers claim
 * short runs of consecutive transactions (see {@link ParallelBlockExecutor}). The size of a batch
 * is bounded by the block's, which the block limits bound.
 */
public final class ConflictScheduler {
    private static final int NONE = -1;

    private ConflictScheduler() {}

    /** @param locks each transaction's locks, in block order */
    public static Schedule schedule(List<AccountLocks> locks) {
        Map<PublicKey, Integer> ids = new HashMap<>();
        int[][] accesses = new int[locks.size()][];
        for (int i = 0; i < accesses.length; i++) {
            AccountLocks lock = locks.get(i);
            int[] encoded = new int[lock.writableCount() + lock.readOnlyCount()];
            for (int w = 0; w < lock.writableCount(); w++) {
                encoded[w] = write(ids.computeIfAbsent(lock.writable(w), key -> ids.size()));
            }
            for (int r = 0; r < lock.readOnlyCount(); r++) {
                encoded[lock.writableCount() + r] = read(ids.computeIfAbsent(lock.readOnly(r), key -> ids.size()));
            }
            accesses[i] = encoded;
        }
        boolean[] everyOne = new boolean[accesses.length];
        Arrays.fill(everyOne, true);
        return schedule(accesses, ids.size(), everyOne);
    }

    /** An access that writes account {@code id}. */
    static int write(int id) {
        return id;
    }

    /** An access that only reads account {@code id}. */
    static int read(int id) {
        return ~id;
    }

    /** The account an access is to. */
    static int accountOf(int access) {
        return access < 0 ? ~access : access;
    }

    /**
     * The same rule over account ids.
     *
     * @param accesses  per transaction in block order, its accounts as {@link #write} or {@link #read} of an id
     * @param idBound   every id is below this
     * @param contended per transaction, whether it may conflict with another one at all. One that
     *                  cannot (every account it declares is its alone, or nobody writes it) goes
     *                  into the first batch and is left out of the bookkeeping, which it could not
     *                  affect; so a block without conflicts is planned without a pass over its accounts.
     */
    static Schedule schedule(int[][] accesses, int idBound, boolean[] contended) {
        int[] lastWriteBatch = null;
        int[] lastReadBatch = null;
        int[] batchOf = new int[accesses.length];
        int batchCount = accesses.length == 0 ? 0 : 1;
        for (int i = 0; i < accesses.length; i++) {
            if (contended[i]) {
                if (lastWriteBatch == null) {
                    lastWriteBatch = new int[idBound];
                    lastReadBatch = new int[idBound];
                    Arrays.fill(lastWriteBatch, NONE);
                    Arrays.fill(lastReadBatch, NONE);
                }
                int batch = place(accesses[i], lastWriteBatch, lastReadBatch);
                batchOf[i] = batch;
                batchCount = Math.max(batchCount, batch + 1);
            }
        }
        return new Schedule(group(batchOf, batchCount), batchOf);
    }

    /** Finds the transaction's batch, then records its accesses. */
    private static int place(int[] accesses, int[] lastWriteBatch, int[] lastReadBatch) {
        int batch = 0;
        for (int access : accesses) {
            if (access >= 0) {
                batch = Math.max(batch, Math.max(lastWriteBatch[access], lastReadBatch[access]) + 1);
            } else {
                batch = Math.max(batch, lastWriteBatch[~access] + 1);
            }
        }
        for (int access : accesses) {
            if (access >= 0) {
                lastWriteBatch[access] = batch;
            } else {
                lastReadBatch[~access] = Math.max(lastReadBatch[~access], batch);
            }
        }
        return batch;
    }

    /** Counting sort by batch; stable, so every batch lists its transactions in block order. */
    private static int[][] group(int[] batchOf, int batchCount) {
        int[] sizes = new int[batchCount];
        for (int batch : batchOf) {
            sizes[batch]++;
        }
        int[][] batches = new int[batchCount][];
        for (int b = 0; b < batchCount; b++) {
            batches[b] = new int[sizes[b]];
        }
        int[] filled = new int[batchCount];
        for (int i = 0; i < batchOf.length; i++) {
            int batch = batchOf[i];
            batches[batch][filled[batch]++] = i;
        }
        return batches;
    }
}
