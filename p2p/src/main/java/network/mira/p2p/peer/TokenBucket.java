package network.mira.p2p.peer;

import java.util.function.LongSupplier;

/**
 * Per-peer inbound message rate limit: {@code burst} tokens, refilled at {@code perSecond}. Not
 * thread-safe: a peer's messages are all handled on its connection's event loop.
 */
public final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefillNanos;

    public TokenBucket(int perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("rate and burst must be positive: " + perSecond + "/s, " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.lastRefillNanos = nanoClock.getAsLong();
    }

    /** Takes one token if there is one. */
    public boolean tryTake() {
        long now = nanoClock.getAsLong();
        long elapsed = Math.max(0, now - lastRefillNanos);
        lastRefillNanos = now;
        tokens = Math.min(burst, tokens + elapsed * perSecond / NANOS_PER_SECOND);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
