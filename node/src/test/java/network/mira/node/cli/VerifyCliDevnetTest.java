package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Verification end to end through the CLI against a devnet node in this JVM (genesis with parameters,
 * so it runs the verification program, and the knowledge-base verifier with its sample file): a text is
 * submitted and split into claims, the validator commits and reveals on its own, the verdicts come back,
 * and the certificate fetched with {@code verify cert} passes {@code verify check} — offline against its
 * set hash and against the node — while a tampered copy fails.
 */
class VerifyCliDevnetTest extends DevnetCliTestBase {
    @Override
    Map<String, Long> genesisParameters() {
        return GenesisParameters.complete(Map.of("verification_commit_blocks", 2L, "verification_reveal_blocks", 2L));
    }

    @Test
    void aTextIsSplitJudgedAndCertifiedAndTheCertificateChecks() throws Exception {
        String requester = cli().file("requester");
        cli().fundedKey("requester", 2_000_000_000L);
        long started = System.nanoTime();
        JsonNode result = cli().json("verify", "submit", "--from", requester, "--text",
                "Paris is the capital of France. The Sun orbits the Earth, and water boils at 100 degrees Celsius "
                        + "at sea level. Cats can fly to the Moon.", "--fee", "90000", "--wait", "--json");
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        System.out.println("verify submit --wait: " + elapsedMs + " ms from submission to verdicts");

        assertThat(result.get("phase").asText()).isEqualTo("RESOLVED");
        List<String> texts = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        result.get("claims").forEach(claim -> {
            texts.add(claim.get("text").asText());
            verdicts.add(claim.get("verdict").asText());
        });
        assertThat(texts).hasSize(4);
        assertThat(verdicts).containsExactly("TRUE", "FALSE", "TRUE", "INCONCLUSIVE");
        JsonNode first = result.get("claims").get(0);
        assertThat(first.get("stake_true").asLong()).isPositive();
        assertThat(first.get("stake_false").asLong()).isZero();
        assertThat(result.get("claims").get(3).get("stake_uncertain").asLong())
                .as("the knowledge base does not know the last claim: UNCERTAIN, so INCONCLUSIVE").isPositive();
        assertThat(result.get("paid").asLong() + result.get("refunded").asLong()).isEqualTo(90_000);

        String request = result.get("request").asText();
        Path certificate = work.resolve("cert.json");
        CliRunner.Result cert = cli().run("verify", "cert", request, "--out", certificate.toString());
        assertThat(cert.exitCode()).as(cert.toString()).isZero();
        JsonNode offline = cli().json("verify", "check", certificate.toString(), "--set-hash",
                result.get("validator_set_hash").asText(), "--json");
        assertThat(offline.get("valid").asBoolean()).as(offline.toString()).isTrue();
        Path validators = Files.writeString(work.resolve("validators.json"),
                cli().run("validators", "--json").stdout(), StandardCharsets.UTF_8);
        JsonNode againstFile = cli().json("verify", "check", certificate.toString(), "--validators",
                validators.toString(), "--json");
        assertThat(againstFile.get("valid").asBoolean()).as(againstFile.toString()).isTrue();
        JsonNode againstNode = cli().json("verify", "check", certificate.toString(), "--node", "--json");
        assertThat(againstNode.get("valid").asBoolean()).as(againstNode.toString()).isTrue();

        String tampered = Files.readString(certificate, StandardCharsets.UTF_8).replace("\"FALSE\"", "\"TRUE\"");
        Path forged = Files.writeString(work.resolve("forged.json"), tampered, StandardCharsets.UTF_8);
        CliRunner.Result check = cli().run("verify", "check", forged.toString(), "--node", "--json");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(ExitCodes.FAILURE);

        JsonNode stats = cli().json("verify", "stats", "--json");
        assertThat(stats.get("validators")).isNotEmpty();
        assertThat(scrape()).contains("mira_verification_attestations_total");
    }

    @Test
    void claimsFromAFileWithAnExplicitCommitteeAndThreshold() throws Exception {
        String requester = cli().file("claims-requester");
        cli().fundedKey("claims-requester", 2_000_000_000L);
        Path claims = Files.writeString(work.resolve("claims.txt"),
                "# two facts from the sample knowledge file\nTokyo is the capital of Japan.\n\nHumans have three lungs.\n",
                StandardCharsets.UTF_8);
        JsonNode result = cli().json("verify", "submit", "--from", requester, "--claims-file", claims.toString(),
                "--committee", "3", "--threshold-bps", "9000", "--wait", "--json");
        assertThat(result.get("committee_size").asInt()).as("never more than the one eligible validator").isEqualTo(1);
        assertThat(result.get("threshold_bps").asInt()).isEqualTo(9_000);
        List<String> verdicts = new ArrayList<>();
        result.get("claims").forEach(claim -> verdicts.add(claim.get("verdict").asText()));
        assertThat(verdicts).containsExactly("TRUE", "FALSE");
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.metrics()).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
