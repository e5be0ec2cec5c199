package network.mira.node.bench;

import picocli.CommandLine.Command;

/** {@code mira bench ...}: load generators that print machine-readable results. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = TransferLoadCommand.class,
        description = "Load generators against a running node; each prints one JSON object.")
public final class BenchCommand {
}
