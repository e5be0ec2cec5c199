package network.mira.node.cli;

import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the commands take from the process besides their arguments: environment variables (for
 * {@code MIRA_RPC}) and standard input (for {@code tx decode -}). Tests pass their own.
 */
public record CliEnvironment(Map<String, String> variables, Supplier<InputStream> stdin) {
    public CliEnvironment {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        Objects.requireNonNull(stdin, "stdin");
    }

    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), () -> System.in);
    }

    public String variable(String name) {
        return variables.get(name);
    }
}
