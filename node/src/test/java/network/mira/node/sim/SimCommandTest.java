package network.mira.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import network.mira.node.MiraCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimCommandTest {
    private record Run(int exitCode, String stdout, String stderr) {}

    private static Run mira(String... arguments) {
        CommandLine cli = MiraCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(arguments);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everyFaultKindPassesAndTheSummaryHasTheContractFields() throws Exception {
        Run run = mira("sim", "--validators", "4", "--seeds", "3", "--heights", "20", "--faults", "all");
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.stdout());
        assertThat(summary.get("runs").asInt()).isEqualTo(12);
        assertThat(summary.get("heights_finalized").asLong()).isGreaterThanOrEqualTo(12 * 20);
        assertThat(summary.get("safety_violations").asInt()).isZero();
        assertThat(summary.get("honest_double_signs").asInt()).isZero();
        assertThat(summary.get("liveness_failures").asInt()).isZero();
        assertThat(summary.get("evidence_reported").asInt()).isPositive();
        assertThat(summary.get("evidence_included").isIntegralNumber()).isTrue();
        assertThat(summary.get("evidence_included").asLong()).as("byzantine double-signs reach blocks").isPositive();
        assertThat(summary.get("byzantine_runs_without_evidence").asInt()).isZero();
        assertThat(summary.get("failures")).isEmpty();
    }

    @Test
    void withStakingDoubleSignersAreSlashedAndTheCountsAreReported() throws Exception {
        Run run = mira("sim", "--staking", "--validators", "4", "--seeds", "3", "--heights", "40", "--faults",
                "byzantine");
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.stdout());
        assertThat(summary.get("safety_violations").asInt()).isZero();
        assertThat(summary.get("validators_slashed").asLong()).isPositive();
        assertThat(summary.get("validators_jailed").isIntegralNumber()).isTrue();
        Run plain = mira("sim", "--validators", "4", "--seeds", "1", "--heights", "10", "--faults", "none");
        assertThat(new ObjectMapper().readTree(plain.stdout()).get("validators_slashed").asLong()).isZero();
    }

    @Test
    void oneSeedReplaysDeterministically() throws Exception {
        Run first = mira("sim", "--validators", "7", "--seed", "42", "--heights", "15", "--faults", "crash");
        Run second = mira("sim", "--validators", "7", "--seed", "42", "--heights", "15", "--faults", "crash");
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(first.stdout());
        JsonNode b = json.readTree(second.stdout());
        assertThat(a.get("runs").asInt()).isEqualTo(1);
        assertThat(a.get("heights_finalized")).isEqualTo(b.get("heights_finalized"));
        assertThat(a.get("messages_per_height")).isEqualTo(b.get("messages_per_height"));
    }

    @Test
    void theConsensusBenchmarkPrintsOneLinePerConfiguration() throws Exception {
        Run run = mira("bench", "consensus", "--validators", "4,7", "--delay-ms", "0,1", "--heights", "20");
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        String[] lines = run.stdout().strip().split("\n");
        assertThat(lines).hasSize(4);
        ObjectMapper json = new ObjectMapper();
        JsonNode zeroDelay = json.readTree(lines[0]);
        JsonNode oneMs = json.readTree(lines[2]);
        assertThat(zeroDelay.get("validators").asInt()).isEqualTo(4);
        assertThat(zeroDelay.get("heights").asLong()).isGreaterThanOrEqualTo(20);
        assertThat(zeroDelay.get("heights_per_second").asDouble()).isPositive();
        // Four validators: each prevote and precommit goes to three peers, plus the proposal.
        assertThat(zeroDelay.get("messages_per_height").asDouble()).isGreaterThanOrEqualTo(27);
        assertThat(json.readTree(lines[1]).get("messages_per_height").asDouble())
                .isGreaterThan(zeroDelay.get("messages_per_height").asDouble());
        assertThat(oneMs.get("simulated_ms_per_height").asDouble())
                .isGreaterThan(zeroDelay.get("simulated_ms_per_height").asDouble());
    }

    @Test
    void anUnknownFaultKindIsAUsageError() {
        Run run = mira("sim", "--faults", "meteor");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("--faults must be none, crash, partition, byzantine or all");
    }
}
