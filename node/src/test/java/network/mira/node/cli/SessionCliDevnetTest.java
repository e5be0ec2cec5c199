package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sessions end to end through the CLI, against a devnet node in this JVM created as {@code mira-node
 * start --dev} creates it with genesis parameters (so it runs the session program): a session created
 * by the owner's transaction and one from a signed intent, transfers through them until the spend limit
 * refuses one, the listing with what remains, revocation, the history and the metrics.
 */
class SessionCliDevnetTest extends DevnetCliTestBase {
    private static final long MIRA = 1_000_000_000L;

    @Override
    Map<String, Long> genesisParameters() {
        return GenesisParameters.complete(Map.of());
    }

    private static void assertSucceeded(JsonNode transaction) {
        assertThat(transaction.get("status").asText()).as(transaction.toString()).isEqualTo("SUCCEEDED");
        assertThat(transaction.get("commitment").asText()).isEqualTo("FINALIZED");
    }

    private JsonNode listed(String owner, String session) throws Exception {
        for (JsonNode entry : array("session", "list", owner, "--json")) {
            if (entry.get("session").asText().equals(session)) {
                return entry;
            }
        }
        throw new AssertionError("mira session list " + owner + " does not show " + session);
    }

    private CliRunner.Result transfer(String key, String owner, String to, long amount, String... extra) {
        List<String> arguments = new ArrayList<>(List.of("transfer", "--session-key", file(key), "--owner", owner,
                "--to", to, "--amount", Long.toString(amount), "--json"));
        arguments.addAll(List.of(extra));
        return mira(arguments.toArray(String[]::new));
    }

    private static void assertRefused(CliRunner.Result result, String code) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
        JsonNode refused = result.json();
        assertThat(refused.get("status").asText()).isEqualTo("FAILED");
        assertThat(refused.get("error").get("code").asText()).isEqualTo(code);
        assertThat(result.stderr()).startsWith("error: transaction " + refused.get("signature").asText()
                + " failed: " + code + ": ");
    }

    @Test
    void sessionsFromCreationThroughSpendingAndRevocationToHistoryAndMetrics() throws Exception {
        String alice = fundedKey("alice", 10 * MIRA);
        fundedKey("dapp-key", MIRA);
        fundedKey("wallet-key", MIRA);
        String bob = key("bob");
        long headBefore = miraJson("status", "--json").get("latest_block_time_ms").asLong();
        Map<String, Double> metricsBefore = scrape();

        // 1. The owner signs a CreateSession transaction.
        JsonNode created = miraJson("session", "create", "--owner", file("alice"), "--session-key",
                file("dapp-key"), "--expires-in", "10m", "--programs", "system:2", "--spend-limit", "250000",
                "--per-tx-limit", "150000", "--max-tx", "10", "--recipients", bob, "--json");
        assertSucceeded(created);
        String session = created.get("session").asText();
        long expiresAt = Instant.parse(created.get("expires_at").asText()).toEpochMilli();
        assertThat(expiresAt % 1_000).as("whole seconds").isZero();
        assertThat(expiresAt).isBetween(headBefore + 600_000, headBefore + 600_000 + 60_000);
        assertThat(created.get("expires_at_ms").asLong()).isEqualTo(expiresAt);
        assertThat(created.get("domain").asText()).isEqualTo("cli.local");

        // 2. Two transfers through it; the third would pass the spend limit.
        for (int i = 0; i < 2; i++) {
            CliRunner.Result paid = transfer("dapp-key", alice, bob, 100_000);
            assertThat(paid.exitCode()).as(paid.toString()).isZero();
            assertSucceeded(paid.json());
            assertThat(paid.json().get("session").asText()).isEqualTo(session);
        }
        CliRunner.Result third = transfer("dapp-key", alice, bob, 100_000);
        assertRefused(third, "SpendLimitExceeded");
        assertThat(third.stderr()).contains("300000 lamports, more than its limit of 250000 (50000 remain)");
        assertThat(miraJson("balance", bob, "--json").get("lamports").asLong()).isEqualTo(200_000);

        JsonNode listed = listed(alice, session);
        assertThat(listed.get("status").asText()).isEqualTo("active");
        assertThat(listed.get("session_key").asText()).isEqualTo(miraJson("keys", "show", file("dapp-key"),
                "--json").get("public_key").asText());
        assertThat(listed.get("remaining_lamports").asLong()).isEqualTo(50_000);
        assertThat(listed.get("remaining_tx").asLong()).isEqualTo(8);
        assertThat(listed.get("expires_at").asText()).isEqualTo(created.get("expires_at").asText());
        assertThat(listed.get("scope").get("recipients").get(0).asText()).isEqualTo(bob);

        // 3. The owner signs the intent text; the wallet's session key submits it and pays.
        JsonNode fromIntent = miraJson("session", "create", "--owner", file("alice"), "--session-key",
                file("wallet-key"), "--expires-in", "1h", "--programs", "system", "--max-tx", "5", "--domain",
                "wallet.example", "--nonce", "42", "--via-intent", "--json");
        assertSucceeded(fromIntent);
        String intentSession = fromIntent.get("session").asText();
        assertThat(fromIntent.get("intent").asText()).startsWith("Mira session request\n")
                .contains("\ndomain: wallet.example\n").contains("\nspend_limit: none\n").endsWith("nonce: 42\n");
        JsonNode shown = miraJson("session", "show", intentSession, "--json");
        assertThat(shown.get("owner").asText()).isEqualTo(alice);
        assertThat(shown.get("remaining_lamports").isNull()).as("no spend limit").isTrue();
        assertThat(shown.get("remaining_tx").asLong()).isEqualTo(5);
        assertThat(shown.get("commitment").asText()).isEqualTo("FINALIZED");
        CliRunner.Result viaIntent = transfer("wallet-key", alice, bob, 7, "--session", intentSession);
        assertThat(viaIntent.exitCode()).as(viaIntent.toString()).isZero();

        // 4. Revoked: the next transfer through it is refused by the program, and the CLI finds no session.
        assertSucceeded(miraJson("session", "revoke", "--owner", file("alice"), "--session", intentSession,
                "--json"));
        assertThat(listed(alice, intentSession).get("status").asText()).isEqualTo("revoked");
        assertRefused(transfer("wallet-key", alice, bob, 7, "--session", intentSession), "SessionRevoked");
        CliRunner.Result none = transfer("wallet-key", alice, bob, 7);
        assertThat(none.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(none.stderr()).startsWith("error: NO_ACTIVE_SESSION: " + alice + " has no active session");

        // 5. The trail, oldest first; the refused transfers left nothing in it.
        JsonNode history = miraJson("session", "history", alice, "--json");
        List<String> kinds = new ArrayList<>();
        history.get("events").forEach(event -> kinds.add(event.get("kind").asText()));
        assertThat(kinds).containsExactly("created", "used", "used", "created", "used", "revoked");
        assertThat(history.get("events").get(1).get("lamports").asLong()).isEqualTo(100_000);
        assertThat(history.get("events").get(5).get("session").asText()).isEqualTo(intentSession);
        assertThat(history.get("dropped").asLong()).isZero();
        JsonNode page = miraJson("session", "history", alice, "--from", "4", "--limit", "1", "--json");
        assertThat(page.get("events").get(0).get("kind").asText()).isEqualTo("used");
        assertThat(page.get("has_more").asBoolean()).isTrue();
        assertThat(page.get("next_from").asLong()).isEqualTo(5);

        // 6. The metrics the node computed from the finalized blocks (the other test shares the node).
        String revokedUse = "mira_session_transactions_total{outcome=\"failed\",reason=\"SessionRevoked\"}";
        Map<String, Double> metrics = scrape();
        // Listeners run right after the commit that GetTransaction already sees: give them a moment.
        for (int i = 0; i < 50 && change(metricsBefore, metrics, revokedUse) < 1; i++) {
            Thread.sleep(100);
            metrics = scrape();
        }
        assertThat(metrics).containsKey("mira_sessions_live");
        assertThat(change(metricsBefore, metrics, "mira_sessions_live")).as("two created, one revoked").isEqualTo(1);
        assertThat(change(metricsBefore, metrics, "mira_session_transactions_total{outcome=\"succeeded\","
                + "reason=\"none\"}")).as("2 creations, 3 transfers, 1 revocation").isEqualTo(6);
        assertThat(change(metricsBefore, metrics, "mira_session_transactions_total{outcome=\"failed\","
                + "reason=\"SpendLimitExceeded\"}")).isEqualTo(1);
        assertThat(change(metricsBefore, metrics, revokedUse)).isEqualTo(1);
    }

    private Map<String, Double> scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.metrics())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return StakingDevnetTest.samples(response.body());
    }

    private static double change(Map<String, Double> before, Map<String, Double> after, String sample) {
        return after.getOrDefault(sample, 0.0) - before.getOrDefault(sample, 0.0);
    }

    @Test
    void aKeyHoldingSeveralActiveSessionsMustNameOne() throws Exception {
        String carol = fundedKey("carol", MIRA);
        fundedKey("carol-key", MIRA);
        for (int i = 0; i < 2; i++) {
            assertSucceeded(miraJson("session", "create", "--owner", file("carol"), "--session-key",
                    file("carol-key"), "--expires-in", "2h", "--json"));
        }
        CliRunner.Result ambiguous = transfer("carol-key", carol, carol, 1);
        assertThat(ambiguous.exitCode()).as(ambiguous.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(ambiguous.stderr()).startsWith("error: SEVERAL_ACTIVE_SESSIONS: ").contains("choose one with --session");
        JsonNode sessions = array("session", "list", carol, "--json");
        assertThat(sessions).hasSize(2);
        CliRunner.Result chosen = transfer("carol-key", carol, carol, 1, "--session",
                sessions.get(0).get("session").asText());
        assertThat(chosen.exitCode()).as(chosen.toString()).isZero();
    }
}
