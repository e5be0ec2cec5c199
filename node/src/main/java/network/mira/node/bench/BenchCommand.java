package network.mira.node.bench;

import picocli.CommandLine.Command;

/** {@code mira bench ...}: load generators and in-process benchmarks that print machine-readable results. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {TransferLoadCommand.class, ExecutionBenchCommand.class, SignatureBenchCommand.class,
                EpochBenchCommand.class,
            ConsensusBenchCommand.class},
        description = "Load generators against a running node (transfers) and in-process benchmarks (execution, "
                + "sigverify, consensus, epoch); each prints JSON objects, one per line.")
public final class BenchCommand {
}
