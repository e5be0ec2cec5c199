package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI session against a real devnet node in this JVM: keys, airdrop, transfer to
 * finalized, balance, status, tx status, block, account, and the refusals a user can run into.
 * Every test uses its own fresh keys, so the tests do not depend on each other's order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveNodeCliTest {
    private static final long FEE = 5_000;

    @TempDir
    static Path work;

    private InProcessDevnet node;

    @BeforeAll
    void startNode() throws Exception {
        node = InProcessDevnet.start(work.resolve("devnet"));
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
        assertThat(result.stderr()).as(result.toString()).isEmpty();
        return result.json();
    }

    private String newKey(String name) {
        return miraJson("keys", "new", "--out", work.resolve(name + ".json").toString(), "--json")
                .get("public_key").asText();
    }

    @Test
    void transferLoadFinalizesEveryBatchedSubmission() {
        JsonNode run = miraJson("bench", "transfers", "--accounts", "4", "--transactions", "40", "--threads", "2",
                "--batch", "8");
        assertThat(run.get("submitted").asInt()).isEqualTo(40);
        assertThat(run.get("admitted").asInt()).isEqualTo(40);
        assertThat(run.get("refused").size()).isZero();
        assertThat(run.get("finalized").asInt()).isEqualTo(40);
        assertThat(run.get("batch").asInt()).isEqualTo(8);
        assertThat(run.get("latency_ms_p99").asLong()).isGreaterThanOrEqualTo(run.get("latency_ms_p50").asLong());
    }

    @Test
    void transferLoadRefusesABatchTheNodeWouldRefuse() {
        CliRunner.Result result = mira("bench", "transfers", "--batch", "1025");
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stderr()).contains("--batch must be 1 to 1024, got 1025");
    }

    @Test
    void airdropTransferBalanceStatus() {
        String alice = newKey("alice");
        String bob = newKey("bob");

        JsonNode airdrop = miraJson("airdrop", alice, "5000000000", "--json");
        assertThat(airdrop.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(airdrop.get("commitment").asText()).isEqualTo("FINALIZED");
        assertThat(airdrop.get("lamports").asLong()).isEqualTo(5_000_000_000L);
        assertThat(airdrop.get("signature").asText()).isNotBlank();

        JsonNode transfer = miraJson("transfer", "--from", work.resolve("alice.json").toString(), "--to", bob,
                "--amount", "1000000", "--commitment", "finalized", "--json");
        assertThat(transfer.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(transfer.get("commitment").asText()).isEqualTo("FINALIZED");
        assertThat(transfer.get("fee").asLong()).isEqualTo(FEE);
        assertThat(transfer.get("height").asLong()).isPositive();
        assertThat(transfer.get("error").isNull()).isTrue();
        String signature = transfer.get("signature").asText();

        CliRunner.Result plainBalance = mira("balance", bob);
        assertThat(plainBalance.exitCode()).as(plainBalance.toString()).isZero();
        assertThat(plainBalance.stdout().strip()).isEqualTo("1000000");

        JsonNode bobBalance = miraJson("balance", bob, "--json");
        assertThat(bobBalance.get("lamports").asLong()).isEqualTo(1_000_000L);
        assertThat(bobBalance.get("commitment").asText()).isEqualTo("FINALIZED");
        assertThat(bobBalance.get("address").asText()).isEqualTo(bob);
        assertThat(miraJson("balance", alice, "--json").get("lamports").asLong())
                .isEqualTo(5_000_000_000L - 1_000_000L - FEE);

        JsonNode status = miraJson("status", "--json");
        assertThat(status.get("chain_id").asText()).isEqualTo("mira-devnet");
        assertThat(status.get("height").asLong()).isGreaterThanOrEqualTo(transfer.get("height").asLong());
        assertThat(status.get("finalized_height").asLong()).isGreaterThanOrEqualTo(transfer.get("height").asLong());
        // The devnet genesis sets no parameters: epochs of the default 100 blocks.
        assertThat(status.get("epoch").asLong()).isEqualTo(status.get("finalized_height").asLong() / 100);
        assertThat(status.get("state_root").asText()).isNotBlank();
        assertThat(status.get("validator").asText()).isNotBlank();
        assertThat(status.get("peers").isIntegralNumber()).isTrue();
        assertThat(status.get("peers").asInt()).isZero();
        for (String field : List.of("genesis_hash", "latest_block_hash", "latest_block_time_ms", "mempool_size",
                "version")) {
            assertThat(status.has(field)).as("status has %s", field).isTrue();
        }

        JsonNode txStatus = miraJson("tx", "status", signature, "--json");
        assertThat(txStatus.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(txStatus.get("height").asLong()).isEqualTo(transfer.get("height").asLong());

        // The block holds the transaction the CLI built, and the offline decoder reads it back.
        JsonNode block = miraJson("block", transfer.get("height").asText(), "--json");
        assertThat(block.get("hash").asText()).isEqualTo(transfer.get("block_hash").asText());
        assertThat(block.has("verified")).as("only --verify adds the verdict").isFalse();
        JsonNode verified = miraJson("block", transfer.get("height").asText(), "--verify", "--json");
        assertThat(verified.get("verified").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("verification_error").isNull()).isTrue();
        assertThat(block.get("evidence_count").asInt()).isZero();
        assertThat(block.get("evidence")).isEmpty();
        String txBase64 = null;
        for (JsonNode tx : block.get("transactions")) {
            if (tx.get("signature").asText().equals(signature)) {
                txBase64 = tx.get("tx_base64").asText();
            }
        }
        assertThat(txBase64).as("transaction %s in block %s", signature, block).isNotNull();
        JsonNode decoded = miraJson("tx", "decode", txBase64, "--json");
        assertThat(decoded.get("signatures_valid").asBoolean()).isTrue();
        assertThat(decoded.get("fee_payer").asText()).isEqualTo(alice);
        JsonNode parsed = decoded.get("instructions").get(0).get("parsed");
        assertThat(parsed.get("type").asText()).isEqualTo("transfer");
        assertThat(parsed.get("lamports").asLong()).isEqualTo(1_000_000L);

        JsonNode account = miraJson("account", bob, "--json");
        assertThat(account.get("exists").asBoolean()).isTrue();
        assertThat(account.get("lamports").asLong()).isEqualTo(1_000_000L);
        assertThat(account.get("owner").asText()).isEqualTo("11111111111111111111111111111111");
        assertThat(account.get("executable").asBoolean()).isFalse();
        assertThat(account.get("data_length").asInt()).isZero();
    }

    @Test
    void plainTransferPrintsSignatureAndStatus() {
        String carol = newKey("carol");
        String dave = newKey("dave");
        miraJson("airdrop", carol, "1000000", "--json");

        CliRunner.Result transfer = mira("transfer", "--from", work.resolve("carol.json").toString(), "--to", dave,
                "--amount", "10");
        assertThat(transfer.exitCode()).as(transfer.toString()).isZero();
        assertThat(transfer.stdout()).startsWith("signature: ").contains("status:    SUCCEEDED (FINALIZED at height ");
    }

    @Test
    void includedButFailedTransferPrintsItsStatusAndExitsOne() {
        String erin = newKey("erin");
        String frank = newKey("frank");
        miraJson("airdrop", erin, "100000", "--json");

        CliRunner.Result result = mira("transfer", "--from", work.resolve("erin.json").toString(), "--to", frank,
                "--amount", "1000000000", "--json");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
        JsonNode json = result.json();
        assertThat(json.get("status").asText()).isEqualTo("FAILED");
        assertThat(json.get("fee").asLong()).isEqualTo(FEE);
        assertThat(json.get("error").get("code").asText()).isNotBlank();
        assertThat(json.get("error").get("instruction_index").asInt()).isZero();
        assertThat(result.stderr()).startsWith("error: transaction " + json.get("signature").asText() + " failed: ");
        // The fee was charged all the same.
        assertThat(miraJson("balance", erin, "--json").get("lamports").asLong()).isEqualTo(100_000L - FEE);
    }

    @Test
    void refusalsShowTheReasonAndExitOne() {
        String nobody = newKey("nobody");
        String other = newKey("other");

        CliRunner.Result unfunded = mira("transfer", "--from", work.resolve("nobody.json").toString(), "--to", other,
                "--amount", "1", "--json");
        assertThat(unfunded.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(unfunded.stdout()).isEmpty();
        assertThat(unfunded.stderr()).startsWith("error: INSUFFICIENT_FUNDS_FOR_FEE: ")
                .doesNotContain("INSUFFICIENT_FUNDS_FOR_FEE: INSUFFICIENT_FUNDS_FOR_FEE");

        CliRunner.Result tooMuch = mira("airdrop", other, "999999999999999");
        assertThat(tooMuch.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(tooMuch.stderr()).startsWith("error: AMOUNT_INVALID: ");

        CliRunner.Result noBlock = mira("block", "999999999", "--json");
        assertThat(noBlock.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(noBlock.stdout()).isEmpty();
        assertThat(noBlock.stderr()).startsWith("error: BLOCK_NOT_FOUND: ");
    }

    @Test
    void unknownAccountAndTransactionAreAnswersNotErrors() {
        String unused = newKey("unused");
        JsonNode balance = miraJson("balance", unused, "--json");
        assertThat(balance.get("lamports").asLong()).isZero();
        assertThat(miraJson("account", unused, "--json").get("exists").asBoolean()).isFalse();

        String neverSent = Fixtures.transactions().get(0).signatures().get(0);
        JsonNode status = miraJson("tx", "status", neverSent, "--json");
        assertThat(status.get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(status.get("height").isNull()).isTrue();
    }

    @Test
    void humanStatusNamesTheEssentials() {
        CliRunner.Result status = mira("status");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout()).contains("chain id:").contains("mira-devnet").contains("height:")
                .contains("finalized height:").contains("validator:").contains("peers:");
    }

    @Test
    void blockVerifyChecksTheCertificateAgainstTheSetOfItsHeight() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (node.ledger().finalizedHeight() < 2) {
            assertThat(System.nanoTime()).as("the devnet to finalize height 2").isLessThan(deadline);
            Thread.sleep(50);
        }
        CliRunner.Result text = mira("block", "2", "--verify");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        String power = Long.toString(node.ledger().validatorSetAt(2).orElseThrow().totalStake());
        assertThat(text.stdout()).contains("certificate:       verified (1 of 1 validators, " + power + " of " + power
                + " voting power), round ").contains("last commit:       height 1, 1 signature(s)");

        CliRunner.Result plain = mira("block", "2");
        assertThat(plain.stdout()).contains("certificate:       round ").doesNotContain("verified");

        CliRunner.Result genesis = mira("block", "0", "--verify", "--json");
        assertThat(genesis.exitCode()).as(genesis.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(genesis.json().get("verified").asBoolean()).isFalse();
        assertThat(genesis.json().get("verification_error").asText()).startsWith("height 0 is the genesis block");
        assertThat(genesis.stderr()).startsWith("error: block 0 does not verify: height 0 is the genesis block");
    }

    @Test
    void aChainWithoutStakingHasNoStakingMetrics() throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.metrics()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("mira_finalized_height").doesNotContain("mira_staking_");
    }
}
