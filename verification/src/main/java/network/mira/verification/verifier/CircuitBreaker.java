package network.mira.verification.verifier;

import java.util.function.LongSupplier;

/**
 * A circuit breaker's state, without threads or a clock of its own (time is passed in as a
 * nanosecond reading). CLOSED lets every request through and counts consecutive failures; at the
 * threshold it turns OPEN and refuses requests until the cool-down has passed; then HALF_OPEN lets
 * exactly one trial through: its success closes the circuit, its failure opens it for another
 * cool-down. Any success resets the count. Thread-safe.
 */
final class CircuitBreaker {
    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long cooldownNanos;
    private final LongSupplier nanoTime;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAtNanos;
    private boolean trialInFlight;

    CircuitBreaker(int failureThreshold, long cooldownNanos, LongSupplier nanoTime) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, got " + failureThreshold);
        }
        if (cooldownNanos < 1) {
            throw new IllegalArgumentException("cooldownNanos must be positive, got " + cooldownNanos);
        }
        this.failureThreshold = failureThreshold;
        this.cooldownNanos = cooldownNanos;
        this.nanoTime = nanoTime;
    }

    /** Whether {@link #tryAcquire} would refuse now; changes nothing. */
    synchronized boolean isOpen() {
        return switch (state) {
            case CLOSED -> false;
            case OPEN -> !coolDownOver();
            case HALF_OPEN -> trialInFlight;
        };
    }

    /** Asks to send a request; when true, report its end with {@link #onSuccess} or {@link #onFailure}. */
    synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (!coolDownOver()) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return true;
            case HALF_OPEN:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
            default:
                throw new IllegalStateException("state " + state);
        }
    }

    /** @return whether this closed a circuit that was not closed */
    synchronized boolean onSuccess() {
        boolean closedNow = state != State.CLOSED;
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
        return closedNow;
    }

    /** @return whether this opened the circuit */
    synchronized boolean onFailure() {
        switch (state) {
            case HALF_OPEN:
                open();
                return true;
            case CLOSED:
                consecutiveFailures++;
                if (consecutiveFailures >= failureThreshold) {
                    open();
                    return true;
                }
                return false;
            case OPEN:
                return false; // a request admitted before the circuit opened; the cool-down keeps running
            default:
                throw new IllegalStateException("state " + state);
        }
    }

    synchronized State state() {
        return state;
    }

    private void open() {
        state = State.OPEN;
        openedAtNanos = nanoTime.getAsLong();
        trialInFlight = false;
    }

    private boolean coolDownOver() {
        return nanoTime.getAsLong() - openedAtNanos >= cooldownNanos;
    }
}
