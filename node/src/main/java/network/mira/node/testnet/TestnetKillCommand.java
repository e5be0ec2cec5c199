package network.mira.node.testnet;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import network.mira.node.cli.CliEnvironment;
import network.mira.node.cli.CliException;
import network.mira.node.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mira testnet kill DIR --node I}: SIGKILL, the crash the node must survive without losing
 * anything finalized. One node at a time, by design: there is no "kill all".
 */
@Command(name = "kill", mixinStandardHelpOptions = true,
        description = "Kill node I with SIGKILL (no shutdown: simulates a crash).")
final class TestnetKillCommand extends TestnetSubcommand {
    private static final int WAIT_SECONDS = 10;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory written by mira testnet init.")
    Path dir;

    @Option(names = "--node", paramLabel = "I", required = true, description = "The node to kill (0-based).")
    Integer node;

    TestnetKillCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() throws InterruptedException {
        Path root = testnetRoot(dir);
        TestnetManifest manifest = TestnetManifest.read(root);
        TestnetManifest.Node entry = select(manifest, node).get(0);
        Path nodeDir = manifest.nodeDir(root, entry);
        Optional<ProcessHandle> process = NodeProcesses.running(nodeDir);
        process.ifPresent(ProcessHandle::destroyForcibly);
        boolean gone = process.isEmpty()
                || NodeProcesses.awaitExit(process.get(), System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS));
        if (!gone) {
            throw CliException.failure("node " + entry.node() + " (pid " + process.get().pid()
                    + ") is still alive " + WAIT_SECONDS + " s after SIGKILL");
        }
        NodeProcesses.deletePid(nodeDir);
        printResults(List.of(result(entry, process, process.isPresent() ? "killed" : "not running")));
        return ExitCodes.OK;
    }
}
