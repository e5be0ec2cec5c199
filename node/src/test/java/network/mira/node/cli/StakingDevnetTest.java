package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import network.mira.rpc.v1.GetValidatorSetResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-validator devnet that runs staking with epochs of 3 blocks, in this JVM: once epoch 0 has
 * ended (its last block, height 2, paid the issuance), the rewards, the validator set of a height in
 * epoch 1 with the light-client check, and the mira_staking_* metrics on the node's HTTP endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StakingDevnetTest {
    private static final long EPOCH_BLOCKS = 3;
    private static final long ISSUANCE = 1_000_000_000L;

    @TempDir
    static Path work;

    private InProcessDevnet node;

    @BeforeAll
    void startNode() throws Exception {
        node = InProcessDevnet.startStaking(work.resolve("devnet"),
                Map.of("epoch_blocks", EPOCH_BLOCKS, "issuance_per_epoch", ISSUANCE));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (node.ledger().finalizedHeight() < EPOCH_BLOCKS + 1) {
            assertThat(System.nanoTime()).as("the devnet to finalize height 4 (epoch 1)").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private CliRunner.Result mira(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--rpc", node.rpc()));
        all.addAll(List.of(arguments));
        return new CliRunner().run(all.toArray(String[]::new));
    }

    private JsonNode miraJson(String... arguments) {
        CliRunner.Result result = mira(arguments);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.json();
    }

    @Test
    void theEndedEpochPaidItsIssuanceToTheOneValidator() {
        String validator = miraJson("status", "--json").get("validator").asText();

        JsonNode rewards = miraJson("rewards", "--epoch", "0", "--json");

        assertThat(rewards.get("epoch").asLong()).isZero();
        assertThat(rewards.get("ended").asBoolean()).isTrue();
        assertThat(rewards.get("last_height").asLong()).isEqualTo(EPOCH_BLOCKS - 1);
        // No transactions, hence no fees: the pool is exactly the issuance.
        assertThat(rewards.get("total").asLong()).isEqualTo(ISSUANCE);
        assertThat(rewards.get("rewards")).singleElement().satisfies(reward -> {
            assertThat(reward.get("validator").asText()).isEqualTo(validator);
            assertThat(reward.get("commission").asLong() + reward.get("delegators").asLong()).isEqualTo(ISSUANCE);
            assertThat(reward.get("total").asLong()).isEqualTo(ISSUANCE);
        });

        JsonNode later = miraJson("rewards", "--epoch", "1000", "--json");
        assertThat(later.get("ended").asBoolean()).isFalse();
        assertThat(later.get("rewards")).isEmpty();
    }

    @Test
    void aBlockOfTheSecondEpochVerifiesAgainstThatEpochsSet() {
        CliRunner.Result text = mira("block", Long.toString(EPOCH_BLOCKS + 1), "--verify");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.stdout()).contains("verified (1 of 1 validators, ");

        JsonNode json = miraJson("block", Long.toString(EPOCH_BLOCKS), "--verify", "--json");
        assertThat(json.get("verified").asBoolean()).as(json.toString()).isTrue();
        assertThat(json.get("next_validator_set_hash").asText()).isNotBlank();
        assertThat(json.get("last_commit").get("height").asLong()).isEqualTo(EPOCH_BLOCKS - 1);

        try (RpcClient rpc = RpcClient.connect(HostPort.parse(node.rpc()))) {
            GetValidatorSetResponse set = rpc.validatorSet(EPOCH_BLOCKS + 1);
            assertThat(set.hasEpoch()).as("a staking chain names the height's epoch").isTrue();
            assertThat(set.getEpoch()).isEqualTo(1);
            assertThat(set.getValidatorSetHash()).isEqualTo(node.ledger().validatorSetAt(EPOCH_BLOCKS + 1)
                    .orElseThrow().hash().toBase58());
        }
    }

    @Test
    void stakingMetricsAreScrapedFromTheNode() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.metrics())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> metrics = samples(response.body());

        assertThat(metrics.get("mira_staking_epoch")).isGreaterThanOrEqualTo(1.0);
        // The devnet validator's genesis stake, 1,000,000 MIRA, plus the rewards compounded into it.
        assertThat(metrics.get("mira_staking_active_stake")).isGreaterThanOrEqualTo(1e15 + ISSUANCE);
        assertThat(metrics).containsEntry("mira_staking_validators{status=\"active\"}", 1.0)
                .containsEntry("mira_staking_validators{status=\"inactive\"}", 0.0)
                .containsEntry("mira_staking_validators{status=\"jailed\"}", 0.0)
                .containsEntry("mira_staking_validators{status=\"tombstoned\"}", 0.0)
                .containsEntry("mira_staking_slashing_events_total{reason=\"double_sign\"}", 0.0)
                .containsEntry("mira_staking_slashing_events_total{reason=\"downtime\"}", 0.0);
        assertThat(metrics.get("mira_staking_rewards_issued_total")).isGreaterThanOrEqualTo((double) ISSUANCE);
        assertThat(metrics.get("mira_staking_total_supply")).isGreaterThan(1e15);
    }

    /** Prometheus text: each sample line's series (name and labels) to its value. */
    static Map<String, Double> samples(String body) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : body.lines().toList()) {
            int space = line.lastIndexOf(' ');
            if (line.startsWith("#") || space < 0) {
                continue;
            }
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }
}
