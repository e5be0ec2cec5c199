package network.mira.node.testnet;

import java.util.concurrent.Callable;
import network.mira.node.cli.CliEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mira testnet ...}: a network of validators as local processes (or docker containers). */
@Command(name = "testnet", mixinStandardHelpOptions = true,
        description = "Create, start, stop and inspect a local multi-validator network (one process per node).")
public final class TestnetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static CommandLine commandLine(CliEnvironment environment) {
        return new CommandLine(new TestnetCommand())
                .addSubcommand(new CommandLine(new TestnetInitCommand(environment)))
                .addSubcommand(new CommandLine(new TestnetStartCommand(environment)))
                .addSubcommand(new CommandLine(new TestnetStopCommand(environment)))
                .addSubcommand(new CommandLine(new TestnetKillCommand(environment)))
                .addSubcommand(new CommandLine(new TestnetStatusCommand(environment)));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
