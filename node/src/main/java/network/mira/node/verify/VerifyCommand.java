package network.mira.node.verify;

import picocli.CommandLine.Command;

/** {@code mira verify ...}: verification of AI outputs. */
@Command(name = "verify", mixinStandardHelpOptions = true, subcommands = {VerifySimCommand.class},
        description = "Verification of AI outputs: sim runs the in-process verification simulation.")
public final class VerifyCommand {
}
