package network.mira.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import network.mira.node.daemon.DevnetBootstrap;
import network.mira.node.testnet.TestnetCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 end to end on four real {@code mira-node} processes with short epochs: stake delegated
 * through the CLI raises a validator's voting power exactly from the next epoch; a SIGKILLed
 * validator is jailed with a downtime slashing event while the other three keep finalizing, then
 * restarted, unjailed by its operator and back in the set an epoch later; a fresh node syncing from
 * genesis checks every certificate across those set changes and ends with the same blocks.
 */
class StakingTestnetProcessTest {
    private static final int VALIDATORS = 4;
    private static final long EPOCH_BLOCKS = 16;
    private static final long DELEGATION = 100_000L * 1_000_000_000L;
    /** Small node JVMs: four of them (and a follower) share the test machine's cores. */
    private static final Map<String, String> ENVIRONMENT =
            Map.of("MIRA_JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    /** Heartbeat blocks every 500 ms (the default is 2 s) so epochs pass in seconds. */
    private static final String FAST_HEARTBEAT = "consensus:\n  empty-block-interval-ms: 500\n";
    private static final long TIMEOUT_S = 120;

    @TempDir
    Path work;

    private final TestnetCli cli = new TestnetCli(ENVIRONMENT);
    private Path dir;
    private int basePort;
    private TestnetProbe probe;

    @AfterEach
    void killLeftovers() throws IOException {
        if (dir != null) {
            LoopbackTestnet.killLeftovers(dir);
        }
    }

    @Test
    void delegateJailUnjailAndSyncAcrossSetChanges() throws Exception {
        dir = work.resolve("testnet");
        basePort = LoopbackTestnet.freeBasePort(VALIDATORS);
        probe = new TestnetProbe(cli, dir, TIMEOUT_S);
        ok(cli.run("testnet", "init", "--validators", "4", "--out", dir.toString(), "--base-port",
                Integer.toString(basePort), "--genesis-param", "epoch_blocks=" + EPOCH_BLOCKS,
                "--genesis-param", "downtime_window=8", "--genesis-param", "downtime_min_signed_bps=5000",
                "--genesis-param", "jail_blocks=8", "--genesis-param", "unbonding_epochs=1"));
        for (int node = 0; node < VALIDATORS; node++) {
            Files.writeString(dir.resolve("node" + node).resolve("config.yaml"), FAST_HEARTBEAT,
                    StandardOpenOption.APPEND);
        }
        ok(cli.run("testnet", "start", dir.toString()));
        probe.awaitHeights("all four finalize", List.of(0, 1, 2, 3), h -> h >= 2);
        List<String> identities = identities();

        // Delegate to validator 1 from the faucet's funds; its power moves at the next boundary only.
        Path faucet = dir.resolve("node0").resolve(DevnetBootstrap.FAUCET_KEY_FILE);
        Path stake = work.resolve("stake.json");
        JsonNode created = ok(cli.run("--rpc", rpc(0), "stake", "create", "--from", faucet.toString(),
                "--amount", Long.toString(DELEGATION), "--out", stake.toString(), "--json")).json();
        String stakeAddress = created.get("stake").asText();
        JsonNode delegated = ok(cli.run("--rpc", rpc(0), "stake", "delegate", "--stake", stake.toString(),
                "--authority", faucet.toString(), "--validator", identities.get(1), "--json")).json();
        long delegatedAt = delegated.get("height").asLong();
        long boundary = (delegatedAt / EPOCH_BLOCKS + 1) * EPOCH_BLOCKS;
        long gapBefore = power(identities.get(1)) - power(identities.get(0));
        assertThat(gapBefore).as("no change inside the epoch of the delegation").isLessThan(DELEGATION / 100);
        probe.awaitHeights("the next epoch begins", List.of(0), h -> h >= boundary);
        long gapAfter = power(identities.get(1)) - power(identities.get(0));
        assertThat(gapAfter).as("validator 1 carries the delegation from epoch " + boundary / EPOCH_BLOCKS)
                .isGreaterThan(DELEGATION - DELEGATION / 100);
        JsonNode shown = ok(cli.run("--rpc", rpc(0), "stake", "show", stakeAddress, "--json")).json();
        assertThat(shown.get("state").asText()).isEqualTo("active");
        assertThat(shown.get("validator").asText()).isEqualTo(identities.get(1));

        // SIGKILL validator 3: the others keep finalizing and jail it for downtime.
        ok(cli.run("testnet", "kill", dir.toString(), "--node", "3"));
        long atKill = probe.minHeight(List.of(0, 1, 2));
        long killedAtNanos = System.nanoTime();
        awaitStatus(identities.get(3), "jailed");
        long jailedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAtNanos);
        long jailedAtHeight = probe.maxHeight(List.of(0, 1, 2));
        JsonNode events = ok(cli.run("--rpc", rpc(0), "slashing", "events", "--json")).json();
        JsonNode downtime = find(events, e -> e.get("validator").asText().equals(identities.get(3))
                && e.get("reason").asText().equals("downtime"));
        assertThat(downtime).as("downtime event for validator 3 in %s", events).isNotNull();
        assertThat(downtime.get("amount").asLong()).isPositive();
        probe.awaitHeights("three of four keep finalizing", List.of(0, 1, 2), h -> h >= atKill + 4);

        // Restarted, it syncs; its operator unjails it once the term is over; it is back an epoch later.
        ok(cli.run("testnet", "start", dir.toString(), "--node", "3"));
        probe.awaitHeights("validator 3 syncs", List.of(3), h -> h >= atKill);
        Path key3 = dir.resolve("node3").resolve("validator-key.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        TestnetCli.Result unjail = cli.run("--rpc", rpc(0), "validator", "unjail", "--identity", key3.toString(),
                "--json");
        while (unjail.exitCode() != 0 && unjail.stderr().contains("JAIL_NOT_OVER") && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            unjail = cli.run("--rpc", rpc(0), "validator", "unjail", "--identity", key3.toString(), "--json");
        }
        ok(unjail);
        long unjailedAt = unjail.json().get("height").asLong();
        awaitStatus(identities.get(3), "active");
        long activeAtHeight = probe.maxHeight(List.of(0, 1, 2, 3));
        long rejoined = probe.maxHeight(List.of(0, 1, 2, 3));
        probe.awaitHeights("all four finalize again", List.of(0, 1, 2, 3), h -> h >= rejoined + 2);

        // A fresh node syncs from genesis, verifying every certificate with the set of its epoch.
        List<String> peers = new ArrayList<>();
        for (JsonNode node : manifest().get("nodes")) {
            peers.add(node.get("node_id").asText() + "@" + node.get("p2p").asText());
        }
        ok(cli.run("keys", "new", "--out", work.resolve("follower-key.json").toString()));
        long target = probe.minHeight(List.of(0, 1, 2, 3));
        try (NodeProcess follower = NodeProcess.follower(work.resolve("follower"), work.resolve("follower.log"),
                dir.resolve("genesis.json"), work.resolve("follower-key.json"), String.join(",", peers))) {
            long followerStart = System.nanoTime();
            follower.start();
            long syncDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            long height = followerHeight(follower);
            while (height < target && System.nanoTime() < syncDeadline) {
                Thread.sleep(500);
                height = followerHeight(follower);
            }
            assertThat(height).as(follower.logText()).isGreaterThanOrEqualTo(target);
            long syncMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - followerStart);
            System.out.printf("staking e2e figures: delegated at height %d, power moved at %d; killed at %d, "
                    + "jailed by %d (%d ms); unjailed at %d, active again by %d; follower synced %d blocks "
                    + "across %d epochs in %d ms%n", delegatedAt, boundary, atKill, jailedAtHeight, jailedAfterMs,
                    unjailedAt, activeAtHeight, target, target / EPOCH_BLOCKS + 1, syncMs);
            for (long h = 1; h <= target; h++) {
                Set<String> hashes = new HashSet<>();
                hashes.add(block(rpc(0), h).get("hash").asText());
                hashes.add(block(follower.rpc(), h).get("hash").asText());
                assertThat(hashes).as("block hashes at height %d", h).hasSize(1);
            }
            // The light-client check in the CLI, on either side of each boundary the follower crossed.
            for (long h = EPOCH_BLOCKS - 1; h <= target; h += EPOCH_BLOCKS) {
                for (long checked : new long[] {h, Math.min(h + 1, target)}) {
                    JsonNode verified = ok(cli.run("--rpc", follower.rpc(), "block", Long.toString(checked),
                            "--verify", "--json")).json();
                    assertThat(verified.get("verified").asBoolean()).as("block %d: %s", checked, verified).isTrue();
                }
            }
        }
        ok(cli.run("testnet", "stop", dir.toString()));
    }

    private List<String> identities() throws IOException {
        List<String> identities = new ArrayList<>();
        for (JsonNode node : manifest().get("nodes")) {
            identities.add(node.get("validator").asText());
        }
        return identities;
    }

    private JsonNode manifest() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("testnet.json").toFile());
    }

    private long power(String identity) {
        JsonNode validators = ok(cli.run("--rpc", rpc(0), "validators", "--json")).json();
        JsonNode validator = find(validators, v -> v.get("identity").asText().equals(identity));
        assertThat(validator).as("validator %s in %s", identity, validators).isNotNull();
        return validator.get("voting_power").asLong();
    }

    private void awaitStatus(String identity, String status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        JsonNode validators = ok(cli.run("--rpc", rpc(0), "validators", "--json")).json();
        while (!hasStatus(validators, identity, status) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            validators = ok(cli.run("--rpc", rpc(0), "validators", "--json")).json();
        }
        assertThat(hasStatus(validators, identity, status)).as("%s is %s in %s", identity, status, validators)
                .isTrue();
    }

    private static boolean hasStatus(JsonNode validators, String identity, String status) {
        JsonNode validator = find(validators, v -> v.get("identity").asText().equals(identity));
        return validator != null && validator.get("status").asText().equals(status);
    }

    private static JsonNode find(JsonNode array, Predicate<JsonNode> matches) {
        for (JsonNode item : array) {
            if (matches.test(item)) {
                return item;
            }
        }
        return null;
    }

    private long followerHeight(NodeProcess follower) {
        return ok(cli.run("--rpc", follower.rpc(), "status", "--json")).json().get("finalized_height").asLong();
    }

    private JsonNode block(String rpc, long height) {
        return ok(cli.run("--rpc", rpc, "block", Long.toString(height), "--json")).json();
    }

    private String rpc(int node) {
        return "127.0.0.1:" + (basePort + node);
    }

    private static TestnetCli.Result ok(TestnetCli.Result result) {
        return TestnetProbe.ok(result);
    }
}
