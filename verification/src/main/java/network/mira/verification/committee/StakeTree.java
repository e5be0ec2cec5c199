package network.mira.verification.committee;

/**
 * Stakes of candidates in identity order, supporting the two steps of a draw in logarithmic time:
 * find the candidate whose stake interval holds a number, and remove a drawn candidate. A linear walk
 * would give the same answer; this keeps a committee of thousands over ten thousand validators cheap.
 * (A Fenwick tree: node {@code i} holds the sum of the {@code i & -i} stakes ending at {@code i}.)
 */
final class StakeTree {
    private final long[] tree;
    private final long[] stakes;
    private long total;

    StakeTree(CandidatePool pool) {
        stakes = new long[pool.size()];
        tree = new long[pool.size() + 1];
        for (int i = 0; i < pool.size(); i++) {
            stakes[i] = pool.get(i).stake();
            add(i, stakes[i]);
        }
    }

    long total() {
        return total;
    }

    boolean isRemoved(int index) {
        return stakes[index] == 0;
    }

    void remove(int index) {
        if (stakes[index] == 0) {
            throw new IllegalStateException("candidate " + index + " is already removed");
        }
        add(index, -stakes[index]);
        stakes[index] = 0;
    }

    /**
     * The first candidate, in identity order, whose running stake total exceeds {@code point}:
     * candidate {@code i} owns {@code [sum of stakes before i, that sum + stake_i)}.
     */
    int candidateAt(long point) {
        if (point < 0 || point >= total) {
            throw new IllegalArgumentException("point " + point + " is outside [0, " + total + ")");
        }
        int position = 0;
        long remaining = point;
        for (int step = Integer.highestOneBit(stakes.length); step > 0; step >>= 1) {
            int next = position + step;
            if (next <= stakes.length && tree[next] <= remaining) {
                position = next;
                remaining -= tree[next];
            }
        }
        return position;
    }

    private void add(int index, long delta) {
        total += delta;
        for (int i = index + 1; i < tree.length; i += i & -i) {
            tree[i] += delta;
        }
    }
}
