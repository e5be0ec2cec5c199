package network.mira.node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import network.mira.node.bench.BenchCommand;
import network.mira.node.sim.SimCommand;
import network.mira.node.cli.CliEnvironment;
import network.mira.node.cli.CliErrorHandlers;
import network.mira.node.cli.ClientCommands;
import network.mira.node.cli.RpcOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mira}: the command line client. Exit codes: 0 done, 1 refused or failed, 2 usage error,
 * 3 node unreachable, 4 timed out waiting for a commitment.
 */
@Command(name = "mira", mixinStandardHelpOptions = true, version = "mira 0.1.0",
        description = "Mira command line: keys, faucet, transfers, balances, node status, transactions and blocks.",
        footer = {"", "Exit codes: 0 ok, 1 refused or failed, 2 usage error, 3 node unreachable, "
                + "4 timed out waiting for a commitment."})
public final class MiraCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RpcOption rpc;

    /**
     * Every subcommand of {@code mira}, in help order. This is the one place to register more:
     * the client commands come from {@link ClientCommands}; add {@code mira node ...} and
     * {@code mira testnet ...} here, e.g. {@code commands.add(new CommandLine(new NodeCommand()))}.
     */
    static List<CommandLine> subcommands(CliEnvironment environment) {
        List<CommandLine> commands = new ArrayList<>(ClientCommands.all(environment));
        commands.add(MiraNodeMain.commandLine().setCommandName("node"));
        commands.add(new CommandLine(new BenchCommand()));
        commands.add(new CommandLine(new SimCommand()));
        commands.add(network.mira.node.testnet.TestnetCommand.commandLine(environment));
        return commands;
    }

    public static CommandLine commandLine() {
        return commandLine(CliEnvironment.system());
    }

    public static CommandLine commandLine(CliEnvironment environment) {
        CommandLine root = new CommandLine(new MiraCli());
        for (CommandLine subcommand : subcommands(environment)) {
            root.addSubcommand(subcommand);
        }
        // Both settings apply to the subcommands registered above, so they come after them.
        root.setCaseInsensitiveEnumValuesAllowed(true);
        return CliErrorHandlers.install(root);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
