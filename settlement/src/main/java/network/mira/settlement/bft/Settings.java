package network.mira.settlement.bft;

/**
 * Consensus timing and bounds. Every timeout grows linearly with the round
 * ({@code base + round * delta}) so that after the network stabilises some round lasts long enough
 * for honest validators to hear each other.
 *
 * @param roundsAheadMax  votes for rounds further than this beyond the current one are ignored
 * @param futureMessagesMax  messages buffered for the next height, at most
 */
public record Settings(
        long proposeTimeoutBaseMs, long proposeTimeoutDeltaMs,
        long prevoteTimeoutBaseMs, long prevoteTimeoutDeltaMs,
        long precommitTimeoutBaseMs, long precommitTimeoutDeltaMs,
        long commitTimeoutMs, int roundsAheadMax, int futureMessagesMax) {

    public Settings {
        if (proposeTimeoutBaseMs <= 0 || prevoteTimeoutBaseMs <= 0 || precommitTimeoutBaseMs <= 0) {
            throw new IllegalArgumentException("timeout bases must be positive");
        }
        if (proposeTimeoutDeltaMs < 0 || prevoteTimeoutDeltaMs < 0 || precommitTimeoutDeltaMs < 0) {
            throw new IllegalArgumentException("timeout deltas must not be negative");
        }
        if (commitTimeoutMs < 0) {
            throw new IllegalArgumentException("commit timeout must not be negative");
        }
        if (roundsAheadMax < 1 || futureMessagesMax < 0) {
            throw new IllegalArgumentException("roundsAheadMax must be >= 1 and futureMessagesMax >= 0");
        }
    }

    public static Settings defaults() {
        return new Settings(3000, 500, 1000, 500, 1000, 500, 1000, 64, 10_000);
    }

    public long timeoutMs(TimeoutKind kind, int round) {
        long capped = Math.min(round, 10_000);
        return switch (kind) {
            case COMMIT -> commitTimeoutMs;
            case PROPOSE -> proposeTimeoutBaseMs + capped * proposeTimeoutDeltaMs;
            case PREVOTE -> prevoteTimeoutBaseMs + capped * prevoteTimeoutDeltaMs;
            case PRECOMMIT -> precommitTimeoutBaseMs + capped * precommitTimeoutDeltaMs;
        };
    }
}
