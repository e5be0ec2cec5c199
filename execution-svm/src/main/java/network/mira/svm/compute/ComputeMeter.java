package network.mira.svm.compute;

import network.mira.svm.InstructionException;

/**
 * Counts the compute units one transaction consumes against its limit. Not thread-safe: a
 * transaction runs on one thread. Like Solana's meter, an exceeding charge uses up what was left,
 * so a transaction that ran out reports its whole limit as consumed.
 */
public final class ComputeMeter {
    public static final String EXCEEDED = "COMPUTE_BUDGET_EXCEEDED";

    private final long limit;
    private long consumed;

    public ComputeMeter(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("compute unit limit must not be negative: " + limit);
        }
        this.limit = limit;
    }

    /** @throws InstructionException COMPUTE_BUDGET_EXCEEDED when fewer than {@code units} remain */
    public void consume(long units) throws InstructionException {
        if (units < 0) {
            throw new IllegalArgumentException("compute units to consume must not be negative: " + units);
        }
        if (units > limit - consumed) {
            long before = consumed;
            consumed = limit;
            throw new InstructionException(EXCEEDED, "needs " + units + " more compute units but " + before
                    + " of the transaction's limit of " + limit + " are already consumed");
        }
        consumed += units;
    }

    public long consumed() {
        return consumed;
    }

    public long limit() {
        return limit;
    }

    public long remaining() {
        return limit - consumed;
    }
}
