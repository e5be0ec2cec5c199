package network.mira.node.testnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import network.mira.node.cli.CliEnvironment;
import network.mira.node.cli.CliException;
import network.mira.node.cli.ExitCodes;
import network.mira.node.cli.JsonOutput;
import network.mira.node.cli.RpcClient;
import network.mira.rpc.v1.NodeStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mira testnet status DIR}: per node its process and, when it answers, its chain position from
 * the gRPC {@code GetNodeStatus} call. Nodes are asked in parallel with a short deadline, so one hung
 * node costs seconds, not minutes. Down nodes are reported, not an error: the exit code is 0.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each node's process, rpc endpoint, finalized height and state root.")
final class TestnetStatusCommand extends TestnetSubcommand {
    private static final Duration RPC_DEADLINE = Duration.ofSeconds(3);
    private static final int MAX_PARALLEL_QUERIES = 8;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory written by mira testnet init.")
    Path dir;

    TestnetStatusCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() throws InterruptedException {
        Path root = testnetRoot(dir);
        TestnetManifest manifest = TestnetManifest.read(root);
        List<Map<String, Object>> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(manifest.nodes().size(), MAX_PARALLEL_QUERIES));
        try {
            List<Future<Map<String, Object>>> futures = new ArrayList<>();
            for (TestnetManifest.Node entry : manifest.nodes()) {
                futures.add(pool.submit(() -> row(root, manifest, entry)));
            }
            for (Future<Map<String, Object>> future : futures) {
                rows.add(future.get());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("status query failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (json) {
            printJson(rows);
        } else {
            printTable(rows);
        }
        return ExitCodes.OK;
    }

    /**
     * A local node is alive when its pid file names a live process running its config; a docker node
     * (no pid known here) when its rpc answers.
     */
    private static Map<String, Object> row(Path root, TestnetManifest manifest, TestnetManifest.Node entry) {
        Optional<ProcessHandle> process = manifest.docker() ? Optional.empty()
                : NodeProcesses.running(manifest.nodeDir(root, entry));
        boolean query = manifest.docker() || process.isPresent();
        NodeStatus status = null;
        String error = null;
        if (query) {
            try (RpcClient rpc = new RpcClient(entry.rpc(), RPC_DEADLINE)) {
                status = rpc.nodeStatus();
            } catch (CliException e) {
                error = e.getMessage();
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("node", entry.node());
        row.put("pid", process.map(ProcessHandle::pid).orElse(null));
        row.put("alive", manifest.docker() ? status != null : process.isPresent());
        row.put("rpc", entry.rpc().toString());
        row.put("metrics", entry.metrics().toString());
        row.put("p2p", entry.p2p());
        row.put("node_id", entry.nodeId());
        row.put("validator", entry.validator());
        row.put("height", status == null ? null : JsonOutput.u64(status.getHeight()));
        row.put("finalized_height", status == null ? null : JsonOutput.u64(status.getFinalizedHeight()));
        row.put("state_root", status == null || status.getStateRoot().isEmpty() ? null : status.getStateRoot());
        row.put("peers", status == null ? null : JsonOutput.u32(status.getPeers()));
        row.put("error", error);
        return row;
    }

    private void printTable(List<Map<String, Object>> rows) {
        String format = "%-5s %-8s %-6s %-22s %-10s %s";
        printLine(String.format(format, "node", "pid", "alive", "rpc", "finalized", "state root"));
        for (Map<String, Object> row : rows) {
            String line = String.format(format, row.get("node"), text(row.get("pid")),
                    Boolean.TRUE.equals(row.get("alive")) ? "yes" : "no", row.get("rpc"),
                    text(row.get("finalized_height")), text(row.get("state_root")));
            printLine(row.get("error") == null ? line.stripTrailing() : line.stripTrailing() + "  (" + row.get("error") + ")");
        }
    }

    private static String text(Object value) {
        return value == null ? "-" : value.toString();
    }
}
