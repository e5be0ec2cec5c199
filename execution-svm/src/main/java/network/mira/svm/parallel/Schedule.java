package network.mira.svm.parallel;

import java.util.AbstractList;
import java.util.List;

/**
 * A conflict-free plan for one block: transactions (by block index) grouped into batches that run
 * one after another. Inside a batch no two transactions conflict, and every pair that conflicts is
 * in batches ordered as in the block, so running the batches in order gives the serial result.
 * Inside a batch the indexes are in block order.
 */
public final class Schedule {
    private final int[][] batches;
    private final int[] batchOf;

    Schedule(int[][] batches, int[] batchOf) {
        this.batches = batches;
        this.batchOf = batchOf;
    }

    public int batchCount() {
        return batches.length;
    }

    public int transactionCount() {
        return batchOf.length;
    }

    /** The block indexes of the transactions in batch {@code batch}, ascending. */
    public List<Integer> batch(int batch) {
        int[] indexes = batches[batch];
        return new AbstractList<>() {
            @Override
            public Integer get(int index) {
                return indexes[index];
            }

            @Override
            public int size() {
                return indexes.length;
            }
        };
    }

    /** The batch transaction {@code transaction} (a block index) runs in. */
    public int batchOf(int transaction) {
        return batchOf[transaction];
    }

    public int largestBatch() {
        int largest = 0;
        for (int[] batch : batches) {
            largest = Math.max(largest, batch.length);
        }
        return largest;
    }

    /** The batch's indexes without a copy; callers in this package never modify them. */
    int[] indexes(int batch) {
        return batches[batch];
    }

    @Override
    public String toString() {
        return "Schedule[" + transactionCount() + " transactions in " + batchCount() + " batches, largest "
                + largestBatch() + "]";
    }
}
