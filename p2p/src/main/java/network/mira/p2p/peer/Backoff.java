package network.mira.p2p.peer;

import java.time.Duration;

/**
 * Redial delays: {@code base * 2^attempt}, capped at {@code max}, then "equal jitter" (a uniformly
 * random point in the upper half) so that peers that lost each other at the same moment do not
 * redial in lockstep forever.
 */
public final class Backoff {
    private final long baseNanos;
    private final long maxNanos;

    public Backoff(Duration base, Duration max) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max, got " + base + ", " + max);
        }
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
    }

    /**
     * @param attempt 0 for the first redial, then the number of consecutive failures
     * @param random01 a uniform random number in [0, 1)
     */
    public Duration delay(int attempt, double random01) {
        if (attempt < 0 || random01 < 0 || random01 >= 1) {
            throw new IllegalArgumentException("attempt " + attempt + ", random " + random01);
        }
        long exponential = maxNanos;
        if (attempt < 62 && baseNanos <= (maxNanos >> attempt)) {
            exponential = baseNanos << attempt;
        }
        long half = exponential / 2;
        return Duration.ofNanos(half + (long) ((exponential - half) * random01));
    }
}
