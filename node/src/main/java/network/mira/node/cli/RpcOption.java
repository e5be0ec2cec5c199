package network.mira.node.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * {@code --rpc host:port}, declared once on the root command and inherited by every subcommand,
 * so both {@code mira --rpc X status} and {@code mira status --rpc X} work. Precedence: the flag
 * nearest the command, then {@code MIRA_RPC}, then the devnet default 127.0.0.1:50051.
 */
public final class RpcOption {
    public static final String NAME = "--rpc";
    public static final String ENVIRONMENT_VARIABLE = "MIRA_RPC";
    public static final HostPort DEFAULT = new HostPort("127.0.0.1", 50051);

    @Option(names = NAME, paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
            converter = Converters.Endpoint.class,
            description = "gRPC address of the node (env " + ENVIRONMENT_VARIABLE + ", default 127.0.0.1:50051).")
    HostPort rpc;

    /**
     * The endpoint for the command being run.
     *
     * @throws CliException (usage) if {@code MIRA_RPC} is set but is not host:port
     */
    public static HostPort resolve(CommandSpec spec, CliEnvironment environment) {
        for (CommandSpec command = spec; command != null; command = command.parent()) {
            ParseResult parsed = command.commandLine() == null ? null : command.commandLine().getParseResult();
            if (parsed != null && parsed.hasMatchedOption(NAME)) {
                HostPort value = parsed.matchedOptionValue(NAME, null);
                if (value != null) {
                    return value;
                }
            }
        }
        String fromEnvironment = environment.variable(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            try {
                return HostPort.parse(fromEnvironment);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, ENVIRONMENT_VARIABLE + ": " + e.getMessage());
            }
        }
        return DEFAULT;
    }
}
