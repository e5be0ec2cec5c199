package network.mira.p2p.frame;

import java.util.Objects;

/**
 * Thrown inside the pipeline by the handler that detects a violation; the last handler catches it,
 * penalizes and closes. Nothing escapes the pipeline. No stack trace: the message says everything.
 */
public final class ProtocolViolationException extends RuntimeException {
    private final ProtocolViolation violation;

    public ProtocolViolationException(ProtocolViolation violation, String message) {
        super(violation + ": " + message, null, false, false);
        this.violation = Objects.requireNonNull(violation, "violation");
    }

    public ProtocolViolation violation() {
        return violation;
    }
}
