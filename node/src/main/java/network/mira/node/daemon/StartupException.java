package network.mira.node.daemon;

/** The node cannot start; the message is for the operator and printed without a stack trace. */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
