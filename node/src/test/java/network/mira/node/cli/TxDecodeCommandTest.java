package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import network.mira.core.crypto.Base58;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code mira tx decode} on transactions that @solana/web3.js built and signed: every field the
 * command prints is checked against the fixture's note, its signatures and the raw message bytes.
 */
class TxDecodeCommandTest {
    private static final String SYSTEM = "11111111111111111111111111111111";
    private static final String COMPUTE_BUDGET = "ComputeBudget111111111111111111111111111111";

    /** One account key as the decoder must show it. */
    record Key(String pubkey, boolean signer, boolean writable) {}

    /** One instruction: program, accounts by base58, and the fields of its parsed description. */
    record Ix(String programId, String program, List<String> accounts, Map<String, Object> parsed) {}

    record Expected(String version, List<Key> keys, List<Ix> instructions) {}

    private static String key(String name) {
        return Fixtures.pubkey(name);
    }

    private static Key signerWritable(String name) {
        return new Key(key(name), true, true);
    }

    private static Key writable(String name) {
        return new Key(key(name), false, true);
    }

    private static Key readonly(String pubkey) {
        return new Key(pubkey, false, false);
    }

    private static Ix transfer(String from, String to, long lamports) {
        return new Ix(SYSTEM, "system", List.of(key(from), key(to)),
                Map.of("program", "system", "type", "transfer", "lamports", lamports));
    }

    /** Expected content of each fixture, written from its note (not from our decoder's output). */
    static Stream<Arguments> fixtures() {
        Map<String, Expected> expected = Map.of(
                "transfer", new Expected("legacy",
                        List.of(signerWritable("alice"), writable("bob"), readonly(SYSTEM)),
                        List.of(transfer("alice", "bob", 1_000_000))),
                "transfer_with_compute_budget", new Expected("legacy",
                        List.of(signerWritable("alice"), writable("carol"), readonly(SYSTEM),
                                readonly(COMPUTE_BUDGET)),
                        List.of(new Ix(COMPUTE_BUDGET, "compute_budget", List.of(),
                                        Map.of("program", "compute_budget", "type", "set_compute_unit_limit",
                                                "units", 300)),
                                new Ix(COMPUTE_BUDGET, "compute_budget", List.of(),
                                        Map.of("program", "compute_budget", "type", "set_compute_unit_price",
                                                "micro_lamports", 12_345)),
                                transfer("alice", "carol", 42))),
                "create_account", new Expected("legacy",
                        List.of(signerWritable("alice"), signerWritable("newacct"), readonly(SYSTEM)),
                        List.of(new Ix(SYSTEM, "system", List.of(key("alice"), key("newacct")),
                                Map.of("program", "system", "type", "create_account", "lamports", 2_039_280,
                                        "space", 165, "owner", key("bob"))))),
                "fee_payer_and_two_transfers", new Expected("legacy",
                        List.of(signerWritable("carol"), signerWritable("alice"), signerWritable("bob"),
                                readonly(SYSTEM)),
                        List.of(transfer("alice", "bob", 7), transfer("bob", "alice", 5))),
                "allocate_assign", new Expected("legacy",
                        List.of(signerWritable("alice"), signerWritable("bob"), readonly(SYSTEM)),
                        List.of(new Ix(SYSTEM, "system", List.of(key("bob")),
                                        Map.of("program", "system", "type", "allocate", "space", 64)),
                                new Ix(SYSTEM, "system", List.of(key("bob")),
                                        Map.of("program", "system", "type", "assign", "owner", key("carol"))))),
                "v0_transfer", new Expected("v0",
                        List.of(signerWritable("alice"), writable("bob"), readonly(SYSTEM)),
                        List.of(transfer("alice", "bob", 99))));
        List<Arguments> out = new ArrayList<>();
        for (Fixtures.FixtureTransaction tx : Fixtures.transactions()) {
            assertThat(expected).as("expectations for fixture %s", tx.name()).containsKey(tx.name());
            out.add(Arguments.of(tx.name(), tx, expected.get(tx.name())));
        }
        assertThat(out).hasSameSizeAs(expected.keySet());
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodesSolanaTransaction(String name, Fixtures.FixtureTransaction fixture, Expected expected) {
        CliRunner.Result result = new CliRunner().run("tx", "decode", fixture.txBase64(), "--json");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).isEmpty();
        JsonNode decoded = result.json();

        assertThat(decoded.get("version").asText()).isEqualTo(expected.version());
        assertThat(decoded.get("size").asInt()).isEqualTo(Base64.getDecoder().decode(fixture.txBase64()).length);
        assertThat(decoded.get("signature").asText()).isEqualTo(fixture.signatures().get(0));
        assertThat(decoded.get("signatures_valid").asBoolean()).isTrue();

        JsonNode signatures = decoded.get("signatures");
        assertThat(signatures).hasSize(fixture.signatures().size());
        for (int i = 0; i < signatures.size(); i++) {
            assertThat(signatures.get(i).get("signature").asText()).isEqualTo(fixture.signatures().get(i));
            assertThat(signatures.get(i).get("valid").isBoolean()).isTrue();
            assertThat(signatures.get(i).get("valid").asBoolean()).as("signature %d verifies", i).isTrue();
            assertThat(signatures.get(i).get("pubkey").asText()).isEqualTo(expected.keys().get(i).pubkey());
        }

        long signers = expected.keys().stream().filter(Key::signer).count();
        JsonNode header = decoded.get("header");
        assertThat(header.get("num_required_signatures").asLong()).isEqualTo(signers);

        List<Key> keys = new ArrayList<>();
        decoded.get("account_keys").forEach(key -> keys.add(new Key(key.get("pubkey").asText(),
                key.get("signer").asBoolean(), key.get("writable").asBoolean())));
        assertThat(keys).containsExactlyElementsOf(expected.keys());
        assertThat(decoded.get("fee_payer").asText()).isEqualTo(expected.keys().get(0).pubkey());

        assertThat(decoded.get("recent_blockhash").asText())
                .isEqualTo(blockhashInRawMessage(Base64.getDecoder().decode(fixture.messageBase64())));

        JsonNode instructions = decoded.get("instructions");
        assertThat(instructions).hasSize(expected.instructions().size());
        for (int i = 0; i < instructions.size(); i++) {
            JsonNode actual = instructions.get(i);
            Ix want = expected.instructions().get(i);
            assertThat(actual.get("program_id").asText()).isEqualTo(want.programId());
            assertThat(actual.get("program").asText()).isEqualTo(want.program());
            List<String> accounts = new ArrayList<>();
            actual.get("accounts").forEach(account -> accounts.add(account.asText()));
            assertThat(accounts).as("instruction %d accounts", i).containsExactlyElementsOf(want.accounts());
            assertThat(actual.get("data_base64").asText()).isNotEmpty();
            JsonNode parsed = actual.get("parsed");
            assertThat(parsed.size()).as("instruction %d parsed fields %s", i, parsed).isEqualTo(want.parsed().size());
            for (Map.Entry<String, Object> field : want.parsed().entrySet()) {
                JsonNode value = parsed.get(field.getKey());
                assertThat(value).as("instruction %d field %s in %s", i, field.getKey(), parsed).isNotNull();
                if (field.getValue() instanceof Number number) {
                    assertThat(value.isIntegralNumber()).as("%s is a number", field.getKey()).isTrue();
                    assertThat(value.asLong()).isEqualTo(number.longValue());
                } else {
                    assertThat(value.asText()).isEqualTo(field.getValue());
                }
            }
        }
    }

    /**
     * The blockhash read straight from the signed message bytes: [0x80 if v0] three header bytes, a
     * one-byte key count (every fixture has fewer than 128 keys), the keys, then the blockhash.
     */
    private static String blockhashInRawMessage(byte[] message) {
        int offset = (message[0] & 0x80) != 0 ? 1 : 0;
        offset += 3;
        int keyCount = message[offset] & 0xFF;
        assertThat(keyCount).isLessThan(128);
        offset += 1 + 32 * keyCount;
        return Base58.encode(Arrays.copyOfRange(message, offset, offset + 32));
    }

    @Test
    void tamperedMessageShowsEverySignatureInvalid() {
        Fixtures.FixtureTransaction fixture = Fixtures.transaction("fee_payer_and_two_transfers");
        byte[] bytes = Base64.getDecoder().decode(fixture.txBase64());
        bytes[bytes.length - 1] ^= 0x01; // last byte of the second transfer's amount
        CliRunner.Result result = new CliRunner().run("tx", "decode", Base64.getEncoder().encodeToString(bytes),
                "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode decoded = result.json();
        assertThat(decoded.get("signatures_valid").asBoolean()).isFalse();
        assertThat(decoded.get("signatures")).hasSize(3)
                .allSatisfy(signature -> assertThat(signature.get("valid").asBoolean()).isFalse());
        // The altered amount is what the decoder now shows: 5 became 5 ^ 1 << 56.
        assertThat(decoded.get("instructions").get(1).get("parsed").get("lamports").asLong())
                .isEqualTo(5L ^ (1L << 56));
    }

    @Test
    void tamperedSignatureShowsOnlyThatSignatureInvalid() {
        Fixtures.FixtureTransaction fixture = Fixtures.transaction("create_account");
        byte[] bytes = Base64.getDecoder().decode(fixture.txBase64());
        bytes[1 + 64 + 10] ^= 0x40; // inside the second signature
        JsonNode decoded = new CliRunner().run("tx", "decode", Base64.getEncoder().encodeToString(bytes), "--json")
                .json();

        assertThat(decoded.get("signatures").get(0).get("valid").asBoolean()).isTrue();
        assertThat(decoded.get("signatures").get(1).get("valid").asBoolean()).isFalse();
        assertThat(decoded.get("signatures_valid").asBoolean()).isFalse();
    }

    @Test
    void readsTheTransactionFromStdinWhenTheArgumentIsDash() {
        Fixtures.FixtureTransaction fixture = Fixtures.transaction("v0_transfer");
        CliRunner.Result result = new CliRunner().withStdin(fixture.txBase64() + "\n")
                .run("tx", "decode", "-", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.json().get("version").asText()).isEqualTo("v0");
        assertThat(result.json().get("signature").asText()).isEqualTo(fixture.signatures().get(0));
    }

    @Test
    void textOutputNamesTheInstructionsAndSignatureValidity() {
        CliRunner.Result result = new CliRunner().run("tx", "decode",
                Fixtures.transaction("transfer_with_compute_budget").txBase64());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout())
                .contains("version:          legacy")
                .contains("all valid")
                .contains("compute_budget set_compute_unit_limit units=300")
                .contains("compute_budget set_compute_unit_price micro_lamports=12345")
                .contains("system transfer lamports=42")
                .contains(Fixtures.pubkey("carol") + "  writable");
    }

    @Test
    void badBase64IsAPreciseErrorWithNothingOnStdout() {
        CliRunner.Result result = new CliRunner().run("tx", "decode", "AQID!xyz", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("error: transaction is not valid base64: character '!' at position 4");
    }

    @Test
    void bytesThatAreNotATransactionAreAPreciseError() {
        byte[] truncated = Arrays.copyOf(Base64.getDecoder().decode(Fixtures.transaction("transfer").txBase64()), 100);
        CliRunner.Result result = new CliRunner().run("tx", "decode", Base64.getEncoder().encodeToString(truncated));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("error: cannot decode transaction (100 bytes): ")
                .contains("offset");
    }

    @Test
    void emptyStdinIsAnError() {
        CliRunner.Result result = new CliRunner().withStdin("  \n").run("tx", "decode", "-");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stderr()).startsWith("error: no transaction given");
    }

    @Test
    void decodeNeedsNoNode() {
        // An unusable --rpc address does not matter to an offline command.
        CliRunner.Result result = new CliRunner().withEnvironment(RpcOption.ENVIRONMENT_VARIABLE, "127.0.0.1:1")
                .run("tx", "decode", Fixtures.transaction("transfer").txBase64(), "--json");
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }
}
