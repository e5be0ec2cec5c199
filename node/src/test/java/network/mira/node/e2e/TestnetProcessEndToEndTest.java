package network.mira.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import network.mira.node.cli.ExitCodes;
import network.mira.node.testnet.TestnetCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mira testnet} against real {@code mira-node} processes on 127.0.0.1: start (from a separate
 * {@code mira} process that exits before the nodes do), status, SIGKILL one node and start it again,
 * stop; and a single-validator testnet that finalizes blocks by itself.
 */
class TestnetProcessEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Small, fast-starting node JVMs: the test machine runs several at once. */
    private static final Map<String, String> ENVIRONMENT =
            Map.of("MIRA_JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");

    @TempDir
    Path work;

    private final TestnetCli cli = new TestnetCli(ENVIRONMENT);
    private final List<Path> testnets = new ArrayList<>();

    /** Whatever a failed assertion left running is killed, so no node outlives the test run. */
    @AfterEach
    void killLeftovers() throws IOException {
        for (Path dir : testnets) {
            LoopbackTestnet.killLeftovers(dir);
        }
    }

    @Test
    void threeNodesStartReportKillRestartAndStop() throws Exception {
        Path dir = init(3);
        JsonNode started = startInSeparateProcess(dir);
        assertThat(started).hasSize(3).allSatisfy(n -> assertThat(n.get("started").asBoolean()).isTrue());

        // The mira process that started them has exited; the nodes run on.
        JsonNode status = status(dir);
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode node = status.get(i);
            assertThat(node.get("node").asInt()).isEqualTo(i);
            assertThat(node.get("alive").asBoolean()).as(node.toString()).isTrue();
            assertThat(node.get("pid").isIntegralNumber()).isTrue();
            pids.add(node.get("pid").asLong());
            assertThat(node.get("rpc").asText()).isEqualTo("127.0.0.1:" + (basePort(dir) + i));
            assertThat(node.get("finalized_height").isNumber()).as(node.toString()).isTrue();
            assertThat(node.get("state_root").asText()).isNotBlank();
        }
        assertThat(pids).doesNotHaveDuplicates();

        // The plain status command works against any node of the testnet.
        String rpc1 = status.get(1).get("rpc").asText();
        JavaProcess.Result direct = JavaProcess.run("network.mira.node.MiraCli", List.of("--rpc", rpc1, "status", "--json"),
                work);
        assertThat(direct.exitCode()).as(direct.stderr()).isZero();
        JsonNode nodeStatus = JSON.readTree(direct.stdout());
        assertThat(nodeStatus.get("chain_id").asText()).isEqualTo("mira-testnet");
        assertThat(nodeStatus.get("validator_count").asInt()).isEqualTo(3);
        assertThat(nodeStatus.get("validator").asText()).isEqualTo(status.get(1).get("validator").asText());
        assertThat(nodeStatus.get("rpc").asText()).isEqualTo(rpc1);

        TestnetCli.Result kill = cli.run("testnet", "kill", dir.toString(), "--node", "0");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(kill.stdout()).isEqualTo("node 0 killed (pid " + pids.get(0) + ")\n");
        JsonNode afterKill = status(dir);
        assertThat(afterKill.get(0).get("alive").asBoolean()).isFalse();
        assertThat(afterKill.get(0).get("pid").isNull()).isTrue();
        assertThat(afterKill.get(0).get("finalized_height").isNull()).isTrue();
        assertThat(afterKill.get(1).get("alive").asBoolean()).isTrue();
        assertThat(afterKill.get(2).get("pid").asLong()).isEqualTo(pids.get(2));

        TestnetCli.Result restart = cli.run("testnet", "start", dir.toString(), "--node", "0");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(restart.stdout()).startsWith("node 0 started: pid ").contains("rpc 127.0.0.1:" + basePort(dir));
        JsonNode afterRestart = status(dir);
        assertThat(afterRestart.get(0).get("alive").asBoolean()).isTrue();
        assertThat(afterRestart.get(0).get("pid").asLong()).isNotEqualTo(pids.get(0));
        assertThat(afterRestart.get(0).get("finalized_height").isNumber()).isTrue();

        TestnetCli.Result twice = cli.run("testnet", "start", dir.toString());
        assertThat(twice.exitCode()).as(twice.toString()).isZero();
        assertThat(twice.stdout()).contains("node 0 already running: pid ", "node 2 already running: pid ");
        TestnetCli.Result oneTwice = cli.run("testnet", "start", dir.toString(), "--node", "1");
        assertThat(oneTwice.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(oneTwice.stderr()).startsWith("error: node 1 is already running (pid ");

        TestnetCli.Result stop = cli.run("testnet", "stop", dir.toString(), "--json");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.json()).hasSize(3).allSatisfy(n -> assertThat(n.get("result").asText()).isEqualTo("stopped"));
        assertThat(status(dir)).allSatisfy(n -> assertThat(n.get("alive").asBoolean()).isFalse());
        for (int i = 0; i < 3; i++) {
            assertThat(dir.resolve("node" + i + "/node.pid")).doesNotExist();
            assertThat(dir.resolve("node" + i + "/node.log")).content(StandardCharsets.UTF_8).contains("stopped");
        }
    }

    @Test
    void aSingleValidatorTestnetFinalizesOnItsOwn() throws Exception {
        Path dir = init(1);
        TestnetCli.Result start = cli.run("testnet", "start", dir.toString());
        assertThat(start.exitCode()).as(start.toString()).isZero();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode node = status(dir).get(0);
        while (node.get("finalized_height").asLong() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            node = status(dir).get(0);
        }
        assertThat(node.get("finalized_height").asLong()).as(node.toString()).isGreaterThanOrEqualTo(2);
        assertThat(node.get("state_root").asText()).isNotBlank();
        assertThat(node.get("alive").asBoolean()).isTrue();

        TestnetCli.Result stop = cli.run("testnet", "stop", dir.toString());
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.stdout()).startsWith("node 0 stopped (pid ");
    }

    private Path init(int validators) throws IOException {
        Path dir = work.resolve("testnet" + validators);
        testnets.add(dir);
        int base = LoopbackTestnet.freeBasePort(validators);
        TestnetCli.Result result = cli.run("testnet", "init", "--validators", Integer.toString(validators), "--out",
                dir.toString(), "--base-port", Integer.toString(base));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Files.writeString(work.resolve(dir.getFileName() + ".base"), Integer.toString(base));
        return dir;
    }

    private int basePort(Path dir) throws IOException {
        return Integer.parseInt(Files.readString(work.resolve(dir.getFileName() + ".base")));
    }

    private JsonNode status(Path dir) {
        TestnetCli.Result result = cli.run("testnet", "status", dir.toString(), "--json");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode array = result.json();
        assertThat(array.isArray()).as(result.toString()).isTrue();
        return array;
    }

    /** {@code mira testnet start DIR --json} as its own JVM, which must exit while its nodes run on. */
    private JsonNode startInSeparateProcess(Path dir) throws Exception {
        Path out = work.resolve("start.out");
        Path err = work.resolve("start.err");
        ProcessBuilder builder = JavaProcess.builder("network.mira.node.MiraCli",
                List.of("testnet", "start", dir.toString(), "--json"))
                .directory(work.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(ENVIRONMENT);
        Process process = builder.start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("mira testnet start finished").isTrue();
        String stdout = Files.readString(out);
        assertThat(process.exitValue()).as("stdout: %s%nstderr: %s", stdout, Files.readString(err)).isZero();
        return JSON.readTree(stdout);
    }
}
