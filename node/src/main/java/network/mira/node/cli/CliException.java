package network.mira.node.cli;

/**
 * An expected failure of a command: printed as {@code error: <message>} on stderr, without a stack
 * trace, and the process exits with {@link #exitCode()}.
 */
public final class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A refusal or an input that cannot be used: exit code 1. */
    public static CliException failure(String message) {
        return new CliException(ExitCodes.FAILURE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
