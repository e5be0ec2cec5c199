package network.mira.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance session against real processes: a `mira-node start --dev` process, the
 * `mira` CLI as separate processes, SIGKILL and restart. Prints the figures it observed.
 */
class DevnetProcessEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private JsonNode cli(NodeProcess node, String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of("--rpc", node.rpc()));
        all.addAll(List.of(arguments));
        JavaProcess.Result result = JavaProcess.run("network.mira.node.MiraCli", all, work);
        assertThat(result.exitCode()).as("mira %s\nstdout: %s\nstderr: %s\nnode log:\n%s", all, result.stdout(),
                result.stderr(), node.logText()).isZero();
        return JSON.readTree(result.stdout());
    }

    @Test
    void transferSurvivesKillNineAndRestart() throws Exception {
        try (NodeProcess node = new NodeProcess(work.resolve("devnet"), work.resolve("node.log"))) {
            Duration firstStart = node.start();
            String alice = cli(node, "keys", "new", "--out", "alice.json", "--json").get("public_key").asText();
            String bob = cli(node, "keys", "new", "--out", "bob.json", "--json").get("public_key").asText();

            JsonNode airdrop = cli(node, "airdrop", alice, "5000000000", "--json");
            assertThat(airdrop.get("status").asText()).isEqualTo("SUCCEEDED");
            JsonNode transfer = cli(node, "transfer", "--from", "alice.json", "--to", bob, "--amount", "1000000",
                    "--commitment", "finalized", "--json");
            assertThat(transfer.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(transfer.get("signature").asText()).isNotBlank();

            JsonNode bobBalance = cli(node, "balance", bob, "--json");
            assertThat(bobBalance.get("lamports").asLong()).isEqualTo(1_000_000L);
            assertThat(bobBalance.get("commitment").asText()).isEqualTo("FINALIZED");
            long aliceLamports = cli(node, "balance", alice, "--json").get("lamports").asLong();
            assertThat(aliceLamports).isEqualTo(5_000_000_000L - 1_000_000L - 5_000L);

            JsonNode before = cli(node, "status", "--json");
            long heightBefore = before.get("finalized_height").asLong();
            String blockBefore = cli(node, "block", Long.toString(heightBefore), "--json").get("hash").asText();
            assertThat(before.get("chain_id").asText()).isEqualTo("mira-devnet");
            assertThat(before.get("peers").asInt()).isZero();

            node.kill9();
            Duration restart = node.start();

            JsonNode after = cli(node, "status", "--json");
            assertThat(after.get("finalized_height").asLong()).isGreaterThanOrEqualTo(heightBefore);
            // The finalized block before the kill is unchanged, with the state root it had; later heartbeat
            // blocks change only the staking bookkeeping (who signed), never a balance.
            JsonNode blockAfter = cli(node, "block", Long.toString(heightBefore), "--json");
            assertThat(blockAfter.get("hash").asText()).isEqualTo(blockBefore);
            assertThat(blockAfter.get("state_root").asText()).isEqualTo(before.get("state_root").asText());
            assertThat(cli(node, "balance", bob, "--json").get("lamports").asLong()).isEqualTo(1_000_000L);
            assertThat(cli(node, "balance", alice, "--json").get("lamports").asLong()).isEqualTo(aliceLamports);

            // The restarted node keeps working, and stops cleanly on SIGTERM.
            assertThat(cli(node, "transfer", "--from", "alice.json", "--to", bob, "--amount", "1",
                    "--json").get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(cli(node, "balance", bob, "--json").get("lamports").asLong()).isEqualTo(1_000_001L);
            assertThat(node.terminate()).isZero();
            assertThat(node.logText()).contains("stopped");
            System.out.printf("e2e figures: first start to ready %d ms, restart after SIGKILL to ready %d ms, "
                    + "finalized height before kill %d%n", firstStart.toMillis(), restart.toMillis(), heightBefore);
        }
    }

    @Test
    void portInUseIsAClearStartupError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NodeProcess node = new NodeProcess(work.resolve("devnet"), work.resolve("node.log"));
            List<String> arguments = new ArrayList<>(node.startArguments());
            arguments.set(arguments.indexOf("--rpc-port") + 1, Integer.toString(taken.getLocalPort()));
            JavaProcess.Result result = JavaProcess.run("network.mira.node.MiraNodeMain", arguments, work);
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr()).contains("mira-node: error:").contains(Integer.toString(taken.getLocalPort()))
                    .contains("--rpc-port").doesNotContain("\tat ");
        }
    }

    @Test
    void refusesADataDirCreatedForAnotherGenesis() throws Exception {
        try (NodeProcess node = new NodeProcess(work.resolve("devnet"), work.resolve("node.log"))) {
            node.start();
            assertThat(node.terminate()).isZero();
            Path genesis = node.dataDir.resolve("genesis.json");
            Files.writeString(genesis, Files.readString(genesis, StandardCharsets.UTF_8)
                    .replace("\"mira-devnet\"", "\"mira-other\""));
            JavaProcess.Result result = JavaProcess.run("network.mira.node.MiraNodeMain", node.startArguments(), work);
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr()).contains("belongs to another chain").doesNotContain("\tat ");
        }
    }
}
