package network.mira.node.cli;

import java.util.List;
import picocli.CommandLine;

/** The client half of {@code mira}: commands that work with key files, offline data or a node's gRPC API. */
public final class ClientCommands {
    private ClientCommands() {}

    /** In the order {@code mira --help} lists them. */
    public static List<CommandLine> all(CliEnvironment environment) {
        return List.of(
                KeysCommand.commandLine(environment),
                new CommandLine(new AirdropCommand(environment)),
                new CommandLine(new TransferCommand(environment)),
                new CommandLine(new BalanceCommand(environment)),
                new CommandLine(new AccountCommand(environment)),
                new CommandLine(new StatusCommand(environment)),
                TxCommand.commandLine(environment),
                new CommandLine(new BlockCommand(environment)),
                new CommandLine(new ValidatorsCommand(environment)),
                ValidatorCommand.commandLine(environment),
                new CommandLine(new RewardsCommand(environment)),
                StakeCommand.commandLine(environment),
                SessionCommand.commandLine(environment),
                SlashingCommand.commandLine(environment),
                VerifyCommand.commandLine(environment));
    }
}
