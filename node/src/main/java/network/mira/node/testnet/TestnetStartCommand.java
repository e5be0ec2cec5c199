package network.mira.node.testnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import picocli.CommandLine.ParameterException;

/**
 * {@code mira testnet start DIR [--node I]}: one background {@code mira-node} process per node, then
 * waits (bounded) until each answers {@code /health/live}. Nothing is started when one of the chosen
 * nodes already runs.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start the testnet's nodes (or node I) as background processes; logs and pids in DIR/nodeI/.")
final class TestnetStartCommand extends TestnetSubcommand {
    private static final long POLL_MS = 200;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory written by mira testnet init.")
    Path dir;

    @Option(names = "--node", paramLabel = "I", description = "Start only node I (0-based).")
    Integer node;

    @Option(names = "--wait-seconds", paramLabel = "S", defaultValue = "60",
            description = "How long to wait for the nodes to answer /health/live (default ${DEFAULT-VALUE}).")
    int waitSeconds;

    TestnetStartCommand(CliEnvironment environment) {
        super(environment);
    }

    /** One launched node and what became of it. */
    private static final class Launch {
        final TestnetManifest.Node node;
        final Path nodeDir;
        final Process process;
        String outcome = "no answer on /health/live yet";
        boolean live;

        Launch(TestnetManifest.Node node, Path nodeDir, Process process) {
            this.node = node;
            this.nodeDir = nodeDir;
            this.process = process;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        if (waitSeconds < 1 || waitSeconds > 3600) {
            throw new ParameterException(spec.commandLine(), "--wait-seconds must be between 1 and 3600, got "
                    + waitSeconds);
        }
        Path root = testnetRoot(dir);
        TestnetManifest manifest = TestnetManifest.read(root);
        if (manifest.docker()) {
            throw CliException.failure(root + " was made with --docker; run it with docker compose "
                    + "(see docker/README.md), 'mira testnet status' still works");
        }
        List<TestnetManifest.Node> nodes = notRunning(root, manifest, select(manifest, node));
        List<Launch> launches = launchAll(root, manifest, nodes);
        awaitLive(launches);
        report(launches);
        List<String> failures = launches.stream().filter(l -> !l.live)
                .map(l -> "node " + l.node.node() + " " + l.outcome).toList();
        if (!failures.isEmpty()) {
            throw CliException.failure(failures.size() + " of " + launches.size() + " node"
                    + (launches.size() == 1 ? "" : "s") + " did not start: " + String.join("; ", failures));
        }
        return ExitCodes.OK;
    }

    /**
     * The chosen nodes that are not running. Asked for one node that runs: refused. Asked for all:
     * the running ones are named and left alone, so after stopping some nodes the same command
     * brings the testnet back.
     */
    private List<TestnetManifest.Node> notRunning(Path root, TestnetManifest manifest,
                                                  List<TestnetManifest.Node> nodes) {
        List<TestnetManifest.Node> toStart = new ArrayList<>();
        for (TestnetManifest.Node entry : nodes) {
            Path nodeDir = manifest.nodeDir(root, entry);
            if (!Files.isRegularFile(NodeProcesses.configFile(nodeDir))) {
                throw CliException.failure(NodeProcesses.configFile(nodeDir) + " does not exist; re-create the "
                        + "testnet with mira testnet init --force");
            }
            Optional<ProcessHandle> process = NodeProcesses.running(nodeDir);
            if (process.isEmpty()) {
                toStart.add(entry);
            } else if (node != null) {
                throw CliException.failure("node " + entry.node() + " is already running (pid " + process.get().pid()
                        + ")");
            } else if (!json) {
                out().println("node " + entry.node() + " already running: pid " + process.get().pid());
            }
        }
        return toStart;
    }

    private List<Launch> launchAll(Path root, TestnetManifest manifest, List<TestnetManifest.Node> nodes) {
        String javaOptions = Optional.ofNullable(environment.variable(NodeProcesses.JAVA_OPTS_VARIABLE))
                .filter(s -> !s.isBlank()).orElse(NodeProcesses.DEFAULT_JAVA_OPTS);
        List<Launch> launches = new ArrayList<>();
        for (TestnetManifest.Node entry : nodes) {
            Path nodeDir = manifest.nodeDir(root, entry);
            try {
                Process process = NodeProcesses.launch(nodeDir, javaOptions);
                NodeProcesses.writePid(nodeDir, process.pid());
                launches.add(new Launch(entry, nodeDir, process));
            } catch (IOException e) {
                String started = launches.isEmpty() ? "" : " (the nodes started before it keep running)";
                throw CliException.failure("cannot start node " + entry.node() + ": " + e.getMessage() + started);
            }
        }
        return launches;
    }

    /** Polls every launched node until each is live or has exited, or the wait is over. */
    private void awaitLive(List<Launch> launches) throws InterruptedException {
        HealthProbe probe = new HealthProbe();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        List<Launch> pending = new ArrayList<>(launches);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (Launch launch : List.copyOf(pending)) {
                if (!launch.process.isAlive()) {
                    launch.outcome = "exited with code " + launch.process.exitValue() + ": "
                            + NodeProcesses.lastLogLine(launch.nodeDir) + " (log " + NodeProcesses.logFile(launch.nodeDir) + ")";
                    NodeProcesses.deletePid(launch.nodeDir);
                    pending.remove(launch);
                } else if (probe.isLive(launch.node.metrics())) {
                    launch.live = true;
                    launch.outcome = "started";
                    pending.remove(launch);
                }
            }
            if (!pending.isEmpty()) {
                Thread.sleep(POLL_MS);
            }
        }
        for (Launch launch : pending) {
            launch.outcome = "did not answer on http://" + launch.node.metrics() + "/health/live within " + waitSeconds
                    + " s; it still runs as pid " + launch.process.pid() + " (log " + NodeProcesses.logFile(launch.nodeDir) + ")";
        }
    }

    private void report(List<Launch> launches) {
        if (json) {
            List<Map<String, Object>> array = new ArrayList<>();
            for (Launch launch : launches) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("node", launch.node.node());
                entry.put("pid", launch.process.isAlive() ? launch.process.pid() : null);
                entry.put("started", launch.live);
                entry.put("rpc", launch.node.rpc().toString());
                entry.put("metrics", launch.node.metrics().toString());
                entry.put("p2p", launch.node.p2p());
                entry.put("log", NodeProcesses.logFile(launch.nodeDir).toString());
                entry.put("error", launch.live ? null : launch.outcome);
                array.add(entry);
            }
            printJson(array);
            return;
        }
        for (Launch launch : launches) {
            if (launch.live) {
                printLine("node " + launch.node.node() + " started: pid " + launch.process.pid() + "  rpc "
                        + launch.node.rpc() + "  metrics " + launch.node.metrics() + "  p2p " + launch.node.p2p()
                        + "  log " + NodeProcesses.logFile(launch.nodeDir));
            }
        }
    }
}
