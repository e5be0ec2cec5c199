package network.mira.config;

/**
 * A configuration or genesis value that cannot be used. The message always starts with the field
 * path ("rpc.port: ...", "genesis.validators[1].stake: ...") so an operator can find the line to fix
 * without reading a stack trace.
 */
public class ConfigException extends RuntimeException {
    private final String field;
    private final String problem;

    public ConfigException(String field, String problem) {
        this(field, problem, null);
    }

    public ConfigException(String field, String problem, Throwable cause) {
        super(field + ": " + problem, cause);
        this.field = field;
        this.problem = problem;
    }

    /** The dotted path of the offending field, e.g. {@code rpc.port} or {@code genesis.accounts[0].lamports}. */
    public String field() {
        return field;
    }

    /** The message without the leading field path. */
    public String problem() {
        return problem;
    }

    /** The same error with where the value came from appended, e.g. "(from flag --rpc-port)". */
    ConfigException from(String source) {
        return new ConfigException(field, problem + " (from " + source + ")", getCause());
    }
}
