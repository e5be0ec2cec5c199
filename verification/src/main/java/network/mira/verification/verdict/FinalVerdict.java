package network.mira.verification.verdict;

/**
 * A claim's outcome after aggregation: decided TRUE or FALSE when that verdict's stake reaches the
 * threshold of the committee's stake ({@link Threshold}), otherwise INCONCLUSIVE. Encoded as u8 TRUE
 * 0, FALSE 1, INCONCLUSIVE 2 (fixed here, not the declaration order).
 */
public enum FinalVerdict {
    TRUE, FALSE, INCONCLUSIVE;

    public boolean isDecided() {
        return this != INCONCLUSIVE;
    }

    public int code() {
        return switch (this) {
            case TRUE -> 0;
            case FALSE -> 1;
            case INCONCLUSIVE -> 2;
        };
    }

    /** @throws IllegalArgumentException for any other byte */
    public static FinalVerdict fromCode(int code) {
        return switch (code) {
            case 0 -> TRUE;
            case 1 -> FALSE;
            case 2 -> INCONCLUSIVE;
            default -> throw new IllegalArgumentException("final verdict code must be 0, 1 or 2, got " + code);
        };
    }
}
