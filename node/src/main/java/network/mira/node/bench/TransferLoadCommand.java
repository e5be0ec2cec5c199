package network.mira.node.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import network.mira.node.cli.CliEnvironment;
import network.mira.node.cli.HostPort;
import network.mira.node.cli.RpcOption;
import network.mira.rpc.service.TransactionGrpcService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mira bench transfers}: a load generator against a running devnet. It funds senders from
 * the faucet, submits signed System transfers over gRPC from many threads at a target rate (or
 * as fast as admitted), follows StreamBlocks to see each one finalized, and prints one JSON object
 * with submitted / admitted / finalized rates and submit-to-FINALIZED latency percentiles.
 */
@Command(name = "transfers", mixinStandardHelpOptions = true,
        description = "Load a running node with signed transfers and measure finalized throughput and latency.")
public final class TransferLoadCommand implements Callable<Integer> {
    /** The node address comes from the inherited {@code --rpc} option of {@code mira}. */
    @Spec
    CommandSpec spec;

    @Option(names = "--accounts", defaultValue = "64",
            description = "Funded sender accounts (each also gets its own receiver); more accounts, more parallelism.")
    int accounts;

    @Option(names = "--tps", defaultValue = "0", description = "Target submissions per second; 0 = as fast as admitted.")
    int tps;

    @Option(names = "--duration", defaultValue = "10", description = "Seconds to submit for (with --tps).")
    int durationSeconds;

    @Option(names = "--transactions", defaultValue = "0",
            description = "Stop after this many submissions (0 = tps x duration, or 2000 without --tps).")
    int transactions;

    @Option(names = "--threads", defaultValue = "8", description = "Submitting client threads.")
    int threads;

    @Option(names = "--batch", defaultValue = "1",
            description = "Transactions per SubmitTransactions call (1 to 1024).")
    int batch;

    @Option(names = "--timeout-s", defaultValue = "120", description = "Give up waiting for finalization after this.")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        HostPort endpoint = RpcOption.resolve(spec, CliEnvironment.system());
        ManagedChannel channel = NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port()).usePlaintext().build();
        try {
            LoadPlan plan = new LoadPlan(accounts, tps, total(), threads, batch, timeoutSeconds);
            var out = spec.commandLine().getOut();
            out.println(new ObjectMapper().writeValueAsString(report(plan, new TransferLoad(channel, plan).run())));
            out.flush();
            return 0;
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private int total() {
        if (transactions > 0) {
            return transactions;
        }
        return tps > 0 ? Math.multiplyExact(tps, durationSeconds) : 2000;
    }

    private static Map<String, Object> report(LoadPlan plan, TransferLoad.Result result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "transfers");
        out.put("accounts", plan.accounts());
        out.put("threads", plan.threads());
        out.put("batch", plan.batch());
        out.put("target_tps", plan.tps());
        out.put("submitted", result.submitted());
        out.put("admitted", result.admitted());
        out.put("refused", result.refused());
        out.put("finalized", result.finalized());
        out.put("blocks", result.blocks());
        out.put("max_transactions_in_a_block", result.maxPerBlock());
        out.put("submit_seconds", round(result.submitSeconds()));
        out.put("submitted_tps", round(result.submitted() / result.submitSeconds()));
        out.put("admitted_tps", round(result.admitted() / result.submitSeconds()));
        out.put("finalized_tps", round(result.finalized() / result.finalizeSeconds()));
        out.put("latency_ms_p50", result.latencyMillis(0.50));
        out.put("latency_ms_p99", result.latencyMillis(0.99));
        out.put("latency_ms_max", result.latencyMillis(1.0));
        return out;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** What to submit and how. */
    record LoadPlan(int accounts, int tps, int transactions, int threads, int batch, long timeoutSeconds) {
        LoadPlan {
            if (accounts <= 0 || transactions <= 0 || threads <= 0 || tps < 0) {
                throw new IllegalArgumentException("accounts, transactions and threads must be positive, tps >= 0");
            }
            if (batch < 1 || batch > TransactionGrpcService.MAX_BATCH) {
                throw new IllegalArgumentException("--batch must be 1 to " + TransactionGrpcService.MAX_BATCH
                        + ", got " + batch);
            }
        }
    }
}
