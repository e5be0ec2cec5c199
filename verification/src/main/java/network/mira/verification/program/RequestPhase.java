package network.mira.verification.program;

/**
 * Where a request stands. The commit and reveal windows are both {@link #OPEN}: which one applies is a
 * matter of the block height against the request's deadlines ({@link RequestRecord#windowAt}).
 */
public enum RequestPhase {
    /** Recorded; its committees are drawn in the next block, from this block's hash. */
    AWAITING_DRAW,
    /** Committees drawn; members commit, then reveal. */
    OPEN,
    /** Aggregated at the reveal deadline: verdicts, tallies, fee paid. */
    RESOLVED,
    /** No validator could be drawn (no eligible stake); the fee went back to the requester. */
    CANCELLED;

    /** What {@link #windowAt} answers for an open request. */
    public enum Window { COMMIT, REVEAL, CLOSED }
}
