package network.mira.node.testnet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import network.mira.node.cli.CliEnvironment;
import network.mira.node.cli.CliException;
import network.mira.node.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mira testnet stop DIR [--node I]}: SIGTERM to each running node (the node finishes the
 * block in flight and closes its store), then waits up to 30 s for all of them together. Stopping
 * a node that does not run is not an error.
 */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop the testnet's nodes (or node I) with SIGTERM and wait for them to exit.")
final class TestnetStopCommand extends TestnetSubcommand {
    static final int WAIT_SECONDS = 30;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory written by mira testnet init.")
    Path dir;

    @Option(names = "--node", paramLabel = "I", description = "Stop only node I (0-based).")
    Integer node;

    TestnetStopCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() throws InterruptedException {
        Path root = testnetRoot(dir);
        TestnetManifest manifest = TestnetManifest.read(root);
        List<TestnetManifest.Node> nodes = select(manifest, node);
        List<Optional<ProcessHandle>> processes = new ArrayList<>();
        for (TestnetManifest.Node entry : nodes) {
            Optional<ProcessHandle> process = NodeProcesses.running(manifest.nodeDir(root, entry));
            process.ifPresent(ProcessHandle::destroy);
            processes.add(process);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        List<Map<String, Object>> results = new ArrayList<>();
        List<String> stuck = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            TestnetManifest.Node entry = nodes.get(i);
            Optional<ProcessHandle> process = processes.get(i);
            boolean stopped = process.isEmpty() || NodeProcesses.awaitExit(process.get(), deadline);
            if (stopped) {
                NodeProcesses.deletePid(manifest.nodeDir(root, entry));
            } else {
                stuck.add("node " + entry.node() + " (pid " + process.get().pid() + ")");
            }
            String outcome = process.isEmpty() ? "not running" : stopped ? "stopped" : "still running";
            results.add(result(entry, process, outcome));
        }
        printResults(results);
        if (!stuck.isEmpty()) {
            throw CliException.failure(String.join(", ", stuck) + " did not stop within " + WAIT_SECONDS
                    + " s; force it with mira testnet kill " + root + " --node I");
        }
        return ExitCodes.OK;
    }
}
