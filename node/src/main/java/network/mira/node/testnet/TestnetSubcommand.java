package network.mira.node.testnet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import network.mira.node.cli.CliEnvironment;
import network.mira.node.cli.CliException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Base of the {@code mira testnet} commands: output through picocli's writers (tests capture it),
 * {@code --json} printing exactly one JSON value, and the {@code --node I} selection.
 */
abstract class TestnetSubcommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON value on stdout instead of text.")
    boolean json;

    final CliEnvironment environment;

    TestnetSubcommand(CliEnvironment environment) {
        this.environment = environment;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    void printLine(String line) {
        out().println(line);
        out().flush();
    }

    void printJson(Object value) {
        try {
            out().println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output: " + e.getMessage(), e);
        }
        out().flush();
    }

    /** One node's outcome for stop and kill: node, pid (null when it was not running), result. */
    static Map<String, Object> result(TestnetManifest.Node entry, Optional<ProcessHandle> process, String outcome) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("node", entry.node());
        result.put("pid", process.map(ProcessHandle::pid).orElse(null));
        result.put("result", outcome);
        return result;
    }

    /** A JSON array of {@link #result} objects, or one line per node. */
    void printResults(List<Map<String, Object>> results) {
        if (json) {
            printJson(results);
            return;
        }
        for (Map<String, Object> result : results) {
            Object pid = result.get("pid");
            printLine("node " + result.get("node") + " " + result.get("result") + (pid == null ? "" : " (pid " + pid + ")"));
        }
    }

    /**
     * The testnet directory as a canonical path, so that the config path a node was started with
     * matches however DIR is spelled later (relative, through a symbolic link).
     */
    Path testnetRoot(Path dir) {
        try {
            return dir.toRealPath();
        } catch (NoSuchFileException e) {
            throw CliException.failure(dir + " does not exist (create a testnet with 'mira testnet init --out "
                    + dir + "')");
        } catch (IOException e) {
            throw CliException.failure("cannot open " + dir + ": " + e);
        }
    }

    /**
     * The nodes a command acts on: all, or the one given by {@code --node} (0-based).
     *
     * @throws ParameterException (exit code 2) for an index the testnet does not have
     */
    List<TestnetManifest.Node> select(TestnetManifest manifest, Integer node) {
        if (node == null) {
            return manifest.nodes();
        }
        int count = manifest.nodes().size();
        if (node < 0 || node >= count) {
            throw new ParameterException(spec.commandLine(), "--node " + node + ": this testnet has "
                    + (count == 1 ? "only node 0" : "nodes 0 to " + (count - 1)));
        }
        return List.of(manifest.nodes().get(node));
    }
}
