package network.mira.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import network.mira.node.testnet.TestnetCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four real {@code mira-node} processes on 127.0.0.1 talking over the encrypted p2p layer: they
 * finalize together; a transfer sent to one node is finalized with the same block and state root
 * on all; with one SIGKILLed the other three keep finalizing, and the restarted one syncs the
 * blocks it missed and rejoins; with two stopped finality stops without a fork and resumes when
 * they return; a follower started last syncs the whole chain from genesis; every node holds the
 * same hash at every finalized height.
 */
class FourValidatorNetworkTest {
    private static final int VALIDATORS = 4;
    /** Small node JVMs: four of them share the test machine's cores. */
    private static final Map<String, String> ENVIRONMENT =
            Map.of("MIRA_JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    private static final long PROGRESS_TIMEOUT_S = 90;

    @TempDir
    Path work;

    private final TestnetCli cli = new TestnetCli(ENVIRONMENT);
    private Path dir;
    private int basePort;
    private TestnetProbe probe;

    @AfterEach
    void killLeftovers() throws IOException {
        if (dir == null) {
            return;
        }
        LoopbackTestnet.killLeftovers(dir);
    }

    @Test
    void finalizeTogetherSurviveOneDownStallAtTwoDownAndAgreeOnEveryBlock() throws Exception {
        dir = work.resolve("testnet");
        basePort = LoopbackTestnet.freeBasePort(VALIDATORS);
        probe = new TestnetProbe(cli, dir, PROGRESS_TIMEOUT_S);
        ok(cli.run("testnet", "init", "--validators", "4", "--out", dir.toString(), "--base-port",
                Integer.toString(basePort)));
        ok(cli.run("testnet", "start", dir.toString()));
        awaitHeights("all four finalize", List.of(0, 1, 2, 3), h -> h >= 3);

        // A transfer sent to node 2 (funded through node 0's faucet) is finalized on every node.
        String alice = ok(cli.run("keys", "new", "--out", work.resolve("alice.json").toString(), "--json"))
                .json().get("public_key").asText();
        String bob = ok(cli.run("keys", "new", "--out", work.resolve("bob.json").toString(), "--json"))
                .json().get("public_key").asText();
        ok(cli.run("--rpc", rpc(0), "airdrop", alice, "5000000000", "--json"));
        JsonNode transfer = ok(cli.run("--rpc", rpc(2), "transfer", "--from", work.resolve("alice.json").toString(),
                "--to", bob, "--amount", "4321", "--commitment", "finalized", "--json")).json();
        assertThat(transfer.get("status").asText()).isEqualTo("SUCCEEDED");
        long height = transfer.get("height").asLong();
        awaitHeights("every node has the transfer's block", List.of(0, 1, 2, 3), h -> h >= height);
        JsonNode reference = block(0, height);
        for (int node = 0; node < VALIDATORS; node++) {
            JsonNode block = block(node, height);
            assertThat(block.get("hash").asText()).as("node %d", node).isEqualTo(reference.get("hash").asText());
            assertThat(block.get("state_root").asText()).isEqualTo(reference.get("state_root").asText());
            assertThat(ok(cli.run("--rpc", rpc(node), "balance", bob, "--json")).json().get("lamports").asLong())
                    .as("bob's balance at node %d", node).isEqualTo(4321);
        }

        // SIGKILL one: the other three (3/4 of the stake) keep finalizing.
        ok(cli.run("testnet", "kill", dir.toString(), "--node", "3"));
        long atKill = minHeight(List.of(0, 1, 2));
        awaitHeights("three of four keep finalizing", List.of(0, 1, 2), h -> h >= atKill + 3);

        // Restarted, it fetches what it missed and rejoins consensus.
        ok(cli.run("testnet", "start", dir.toString(), "--node", "3"));
        long target = minHeight(List.of(0, 1, 2)) + 2;
        awaitHeights("the restarted node syncs and rejoins", List.of(0, 1, 2, 3), h -> h >= target);

        // Two of four stopped: half the stake is not more than 2/3, so nothing is finalized.
        ok(cli.run("testnet", "stop", dir.toString(), "--node", "2"));
        ok(cli.run("testnet", "stop", dir.toString(), "--node", "3"));
        long stalledAt = maxHeight(List.of(0, 1));
        Thread.sleep(8_000);
        assertThat(maxHeight(List.of(0, 1))).as("no quorum with two of four down").isLessThanOrEqualTo(stalledAt + 1);

        // Both back (start starts the stopped ones): finality resumes.
        ok(cli.run("testnet", "start", dir.toString()));
        long resumeTarget = maxHeight(List.of(0, 1)) + 2;
        awaitHeights("finality resumes", List.of(0, 1, 2, 3), h -> h >= resumeTarget);

        // A follower started now fetches the whole chain from genesis, checking every certificate.
        JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                dir.resolve("testnet.json").toFile());
        List<String> peers = new ArrayList<>();
        for (JsonNode node : manifest.get("nodes")) {
            peers.add(node.get("node_id").asText() + "@" + node.get("p2p").asText());
        }
        ok(cli.run("keys", "new", "--out", work.resolve("follower-key.json").toString()));
        long chainAtFollowerStart = minHeight(List.of(0, 1, 2, 3));
        try (NodeProcess follower = NodeProcess.follower(work.resolve("follower"), work.resolve("follower.log"),
                dir.resolve("genesis.json"), work.resolve("follower-key.json"), String.join(",", peers))) {
            follower.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROGRESS_TIMEOUT_S);
            JsonNode followerStatus = nodeStatus(follower.rpc());
            while (followerStatus.get("finalized_height").asLong() < chainAtFollowerStart
                    && System.nanoTime() < deadline) {
                Thread.sleep(500);
                followerStatus = nodeStatus(follower.rpc());
            }
            assertThat(followerStatus.get("finalized_height").asLong()).as(follower.logText())
                    .isGreaterThanOrEqualTo(chainAtFollowerStart);
            assertThat(followerStatus.get("validator").isNull()).isTrue();

            // Every node, the follower included, holds the same block at every height.
            long common = Math.min(minHeight(List.of(0, 1, 2, 3)), chainAtFollowerStart);
            for (long h = 1; h <= common; h++) {
                Set<String> hashes = new HashSet<>();
                for (int node = 0; node < VALIDATORS; node++) {
                    hashes.add(block(node, h).get("hash").asText());
                }
                hashes.add(ok(cli.run("--rpc", follower.rpc(), "block", Long.toString(h), "--json")).json()
                        .get("hash").asText());
                assertThat(hashes).as("block hashes at height %d", h).hasSize(1);
            }
        }
        ok(cli.run("testnet", "stop", dir.toString()));
    }

    private JsonNode nodeStatus(String rpc) {
        return ok(cli.run("--rpc", rpc, "status", "--json")).json();
    }

    private String rpc(int node) {
        return "127.0.0.1:" + (basePort + node);
    }

    private JsonNode block(int node, long height) {
        return ok(cli.run("--rpc", rpc(node), "block", Long.toString(height), "--json")).json();
    }

    private long minHeight(List<Integer> nodes) {
        return probe.minHeight(nodes);
    }

    private long maxHeight(List<Integer> nodes) {
        return probe.maxHeight(nodes);
    }

    private void awaitHeights(String what, List<Integer> nodes, Predicate<Long> reached) throws Exception {
        probe.awaitHeights(what, nodes, reached);
    }

    private static TestnetCli.Result ok(TestnetCli.Result result) {
        return TestnetProbe.ok(result);
    }
}
