package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stake-moving commands against a real devnet node in this JVM whose genesis carries staking:
 * epochs of 5 blocks, 20 epochs of unbonding (so an early withdrawal is refused however fast blocks
 * come) and a set of one validator (the devnet's own, whose 1,000,000 MIRA genesis stake outweighs
 * any test validator, so the consensus set never changes under the test). Every test uses its own
 * fresh keys, so the tests do not depend on each other's order.
 */
class StakeCliDevnetTest extends DevnetCliTestBase {
    private static final long MIRA = 1_000_000_000L;
    private static final long WAIT_MS = 60_000;

    private String devnetValidator;

    @Override
    Map<String, Long> genesisParameters() {
        // As 'mira-node start --dev --genesis-param ...' writes them: every parameter, these over the defaults.
        return GenesisParameters.complete(GenesisParameters.parse(
                List.of("epoch_blocks=5", "unbonding_epochs=20", "max_validators=1")));
    }

    @BeforeAll
    void findTheDevnetValidator() throws Exception {
        JsonNode validators = array("validators", "--json");
        assertThat(validators).as("the devnet genesis validator").hasSize(1);
        devnetValidator = validators.get(0).get("identity").asText();
    }

    private JsonNode validator(String identity) throws Exception {
        for (JsonNode validator : array("validators", "--json")) {
            if (validator.get("identity").asText().equals(identity)) {
                return validator;
            }
        }
        throw new AssertionError("mira validators does not list " + identity);
    }

    private JsonNode awaitStake(String address, Predicate<JsonNode> condition, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        JsonNode stake = miraJson("stake", "show", address, "--json");
        while (!condition.test(stake)) {
            assertThat(System.nanoTime()).as("stake %s %s within %d ms; last: %s", address, what, WAIT_MS, stake)
                    .isLessThan(deadline);
            Thread.sleep(200);
            stake = miraJson("stake", "show", address, "--json");
        }
        return stake;
    }

    private static void assertSucceeded(JsonNode transaction) {
        assertThat(transaction.get("status").asText()).as(transaction.toString()).isEqualTo("SUCCEEDED");
        assertThat(transaction.get("commitment").asText()).isEqualTo("FINALIZED");
        assertThat(transaction.get("error").isNull()).isTrue();
    }

    @Test
    void createDelegateDeactivateThenAnEarlyWithdrawalIsRefusedWithTheEpochsLeft() throws Exception {
        String alice = fundedKey("alice", 10 * MIRA);

        JsonNode created = miraJson("stake", "create", "--from", file("alice"), "--amount", "2_000_000_000",
                "--out", file("alice-stake"), "--json");
        assertSucceeded(created);
        assertThat(created.get("fee").asLong()).as("two signatures").isEqualTo(10_000);
        String stake = created.get("stake").asText();
        assertThat(miraJson("keys", "show", file("alice-stake"), "--json").get("public_key").asText())
                .isEqualTo(stake);
        JsonNode fresh = miraJson("stake", "show", stake, "--json");
        assertThat(fresh.get("state").asText()).isEqualTo("inactive");
        assertThat(fresh.get("amount").asLong()).isEqualTo(2 * MIRA);
        assertThat(fresh.get("authority").asText()).isEqualTo(alice);
        assertThat(fresh.get("validator").isNull()).isTrue();

        assertSucceeded(miraJson("stake", "delegate", "--stake", file("alice-stake"), "--authority", file("alice"),
                "--validator", devnetValidator, "--json"));
        JsonNode delegated = miraJson("stake", "show", stake, "--json");
        assertThat(delegated.get("state").asText()).isIn("activating", "active");
        assertThat(delegated.get("validator").asText()).isEqualTo(devnetValidator);
        awaitStake(stake, s -> s.get("state").asText().equals("active"), "becomes active at the next boundary");

        assertSucceeded(miraJson("stake", "deactivate", "--stake", stake, "--authority", file("alice"), "--json"));
        assertThat(miraJson("stake", "show", stake, "--json").get("state").asText()).isEqualTo("deactivating");

        CliRunner.Result early = mira("stake", "withdraw", "--stake", stake, "--authority", file("alice"), "--json");
        assertThat(early.exitCode()).as(early.toString()).isEqualTo(ExitCodes.FAILURE);
        JsonNode refused = early.json();
        assertThat(refused.get("status").asText()).isEqualTo("FAILED");
        assertThat(refused.get("error").get("code").asText()).isEqualTo("UNBONDING_NOT_COMPLETE");
        assertThat(refused.get("fee").asLong()).isEqualTo(5_000);
        assertThat(early.stderr()).startsWith("error: transaction " + refused.get("signature").asText()
                + " failed: UNBONDING_NOT_COMPLETE: stake " + stake).containsPattern("\\d+ epochs remain");
        assertThat(miraJson("stake", "show", stake, "--json").get("amount").asLong()).isEqualTo(2 * MIRA);
    }

    @Test
    void anUndelegatedStakeIsWithdrawnAtOnceToTheRecipient() throws Exception {
        fundedKey("bob", 5 * MIRA);
        String payee = miraJson("keys", "new", "--out", file("payee"), "--json").get("public_key").asText();
        String stake = miraJson("stake", "create", "--from", file("bob"), "--amount", "1000000000",
                "--out", file("bob-stake"), "--json").get("stake").asText();

        CliRunner.Result unknown = mira("stake", "delegate", "--stake", stake, "--authority", file("bob"),
                "--validator", payee);
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(unknown.stderr()).contains("failed: UNKNOWN_VALIDATOR: no validator " + payee);

        JsonNode withdrawn = miraJson("stake", "withdraw", "--stake", file("bob-stake"), "--authority", file("bob"),
                "--to", payee, "--json");
        assertSucceeded(withdrawn);
        assertThat(withdrawn.get("to").asText()).isEqualTo(payee);
        assertThat(miraJson("balance", payee, "--json").get("lamports").asLong()).isEqualTo(MIRA);
        CliRunner.Result gone = mira("stake", "show", stake, "--json");
        assertThat(gone.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(gone.stderr()).startsWith("error: STAKE_ACCOUNT_NOT_FOUND: ");
    }

    @Test
    void aSecondValidatorRegistersSetsItsCommissionAndCannotUnjailWhenNotJailed() throws Exception {
        String carol = fundedKey("carol", 5 * MIRA);
        String consensus = miraJson("keys", "new", "--out", file("carol-consensus"), "--json")
                .get("public_key").asText();

        JsonNode registered = miraJson("validator", "register", "--identity", file("carol"), "--consensus-key",
                file("carol-consensus"), "--self-bond", "1_000_000_000", "--out", file("carol-self-bond"), "--json");
        assertSucceeded(registered);
        assertThat(registered.get("identity").asText()).isEqualTo(carol);
        String selfBond = registered.get("self_bond_address").asText();

        JsonNode listed = validator(carol);
        assertThat(listed.get("consensus_key").asText()).isEqualTo(consensus);
        assertThat(listed.get("commission_bps").asInt()).isEqualTo(500);
        assertThat(listed.get("status").asText()).isEqualTo("inactive");
        JsonNode bond = miraJson("stake", "show", selfBond, "--json");
        assertThat(bond.get("authority").asText()).isEqualTo(carol);
        assertThat(bond.get("validator").asText()).isEqualTo(carol);
        assertThat(bond.get("amount").asLong()).isEqualTo(MIRA);

        assertSucceeded(miraJson("validator", "set-commission", "--identity", file("carol"), "--commission-bps",
                "600", "--json"));
        assertThat(validator(carol).get("commission_bps").asInt()).isEqualTo(600);

        CliRunner.Result unjail = mira("validator", "unjail", "--identity", file("carol"));
        assertThat(unjail.exitCode()).as(unjail.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(unjail.stdout()).contains("status:    FAILED");
        assertThat(unjail.stderr()).contains(" failed: NOT_JAILED: validator " + carol + " is INACTIVE");

        String rotated = miraJson("keys", "new", "--out", file("carol-consensus-2"), "--json")
                .get("public_key").asText();
        JsonNode rotation = miraJson("validator", "rotate-key", "--identity", file("carol"),
                "--new-consensus-key", rotated, "--json");
        assertSucceeded(rotation);
        CliRunner.Result reused = mira("validator", "rotate-key", "--identity", file("carol"),
                "--new-consensus-key", file("carol-consensus"));
        assertThat(reused.exitCode()).as(reused.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(reused.stderr()).contains(" failed: CONSENSUS_KEY_IN_USE: ");
    }
}
