package network.mira.node.bench;

import picocli.CommandLine.Command;

/** {@code mira bench ...}: load generators and in-process benchmarks that print machine-readable results. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {TransferLoadCommand.class, ExecutionBenchCommand.class, SignatureBenchCommand.class,
                EpochBenchCommand.class, ConsensusBenchCommand.class, VerificationBenchCommand.class},
        description = "Load generators against a running node (transfers) and in-process benchmarks (execution, "
                + "sigverify, consensus, epoch, verification); each prints JSON objects, one per line "
                + "(verification: one, with --json).")
public final class BenchCommand {
}
