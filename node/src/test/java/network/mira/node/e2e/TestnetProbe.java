package network.mira.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import network.mira.node.testnet.TestnetCli;

/** Reads a local testnet's progress through {@code mira testnet status} and waits for it, with a deadline. */
final class TestnetProbe {
    private final TestnetCli cli;
    private final Path dir;
    private final long timeoutSeconds;

    TestnetProbe(TestnetCli cli, Path dir, long timeoutSeconds) {
        this.cli = cli;
        this.dir = dir;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Finalized height per node, -1 for a node that does not answer. */
    List<Long> heights(List<Integer> nodes) {
        JsonNode status = ok(cli.run("testnet", "status", dir.toString(), "--json")).json();
        List<Long> heights = new ArrayList<>();
        for (int node : nodes) {
            JsonNode entry = status.get(node);
            heights.add(entry.get("finalized_height").isNumber() ? entry.get("finalized_height").asLong() : -1);
        }
        return heights;
    }

    long minHeight(List<Integer> nodes) {
        return heights(nodes).stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    long maxHeight(List<Integer> nodes) {
        return heights(nodes).stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    void awaitHeights(String what, List<Integer> nodes, Predicate<Long> reached) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        List<Long> heights = heights(nodes);
        while (!heights.stream().allMatch(reached) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            heights = heights(nodes);
        }
        assertThat(heights).as(what + " (finalized heights of nodes " + nodes + ")").allMatch(reached);
    }

    static TestnetCli.Result ok(TestnetCli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }
}
