package network.mira.node.cli;

import network.mira.node.verify.VerifySimCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mira verify ...}: verification of AI outputs. Each subcommand is its own class. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verification of AI outputs: submit requests, fetch and check certificates, verifier "
                + "statistics, the verification simulation.")
final class VerifyCommand extends GroupCommand {
    static CommandLine commandLine(CliEnvironment environment) {
        return new CommandLine(new VerifyCommand())
                .addSubcommand(new CommandLine(new VerifySubmitCommand(environment)))
                .addSubcommand(new CommandLine(new VerifyCertCommand(environment)))
                .addSubcommand(new CommandLine(new VerifyCheckCommand(environment)))
                .addSubcommand(new CommandLine(new VerifyStatsCommand(environment)))
                .addSubcommand(new CommandLine(new VerifySimCommand()));
    }
}
