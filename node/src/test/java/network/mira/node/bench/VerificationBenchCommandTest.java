package network.mira.node.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code mira bench verification} with tiny parameters: it runs to the end and reports every figure. No timing. */
class VerificationBenchCommandTest {
    private static final List<String> POSITIVE = List.of("request_ms", "draw_ms", "commit_ms", "reveal_ms",
            "resolution_ms", "resolved_request_bytes", "request_tx_bytes", "commit_tx_bytes", "reveal_tx_bytes",
            "member_seats");

    @Test
    void tinyRunReportsEveryFigureAsJson() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine bench = new CommandLine(new BenchCommand());
        bench.setOut(new PrintWriter(out, true));
        bench.setErr(new PrintWriter(err, true));

        int exitCode = bench.execute("verification", "--validators", "8", "--claims", "4", "--committee", "3",
                "--requests", "2", "--iterations", "1", "--warmup", "0", "--json");

        assertThat(exitCode).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("bench").asText()).isEqualTo("verification");
        assertThat(json.get("validators").asInt()).isEqualTo(8);
        assertThat(json.get("claims").asInt()).isEqualTo(4);
        assertThat(json.get("committee").asInt()).isEqualTo(3);
        assertThat(json.get("requests").asInt()).isEqualTo(2);
        assertThat(json.get("iterations").asInt()).isEqualTo(1);
        for (String field : POSITIVE) {
            assertThat(json.has(field)).as(field).isTrue();
            assertThat(json.get(field).asDouble()).as(field).isPositive();
        }
    }

    @Test
    void refusesMoreRequestsThanOneBlockMayOpen() {
        StringWriter err = new StringWriter();
        CommandLine bench = new CommandLine(new BenchCommand());
        bench.setErr(new PrintWriter(err, true));

        assertThat(bench.execute("verification", "--requests", "65")).isNotZero();
        assertThat(err.toString()).contains("--requests must be 1..64");
    }
}
