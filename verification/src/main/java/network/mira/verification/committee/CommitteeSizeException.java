package network.mira.verification.committee;

/** A committee size that a request may not ask for; {@link #reason()} for programs, the message for people. */
public final class CommitteeSizeException extends Exception {
    /** Why the committee size was refused. */
    public enum Reason {
        /** k is zero or negative. */
        NOT_POSITIVE,
        /** k is larger than the number of validators that can be drawn. */
        LARGER_THAN_POOL
    }

    private final Reason reason;

    CommitteeSizeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static void check(int k, int poolSize) throws CommitteeSizeException {
        if (k <= 0) {
            throw new CommitteeSizeException(Reason.NOT_POSITIVE, "committee size must be at least 1, got " + k);
        }
        if (k > poolSize) {
            throw new CommitteeSizeException(Reason.LARGER_THAN_POOL,
                    "committee size " + k + " is larger than the " + poolSize + " validators that can be drawn");
        }
    }
}
