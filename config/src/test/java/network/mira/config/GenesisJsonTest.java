package network.mira.config;

import static network.mira.config.GenesisFixtures.key;
import static network.mira.config.GenesisFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenesisJsonTest {
    @TempDir
    Path dir;

    @Test
    void writeThenReadGivesAnEqualGenesis() throws IOException {
        Genesis g = sample();
        Path file = dir.resolve("genesis.json");
        GenesisJson.write(file, g);
        Genesis read = GenesisJson.read(file);
        assertThat(read).isEqualTo(g);
        assertThat(read.hash()).isEqualTo(g.hash());
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("sub/genesis.json");
        GenesisJson.write(file, sample());
        Genesis devnet = Genesis.devnet(key(5), key(6), 1L);
        GenesisJson.write(file, devnet);
        assertThat(GenesisJson.read(file)).isEqualTo(devnet);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writtenJsonIsPrettyAndInTheDocumentedOrder() {
        String json = GenesisJson.toJson(sample());
        assertThat(json).startsWith("{\n").endsWith("}\n");
        assertThat(json.indexOf("chain_id")).isLessThan(json.indexOf("genesis_time_ms"));
        assertThat(json.indexOf("faucet")).isLessThan(json.indexOf("accounts"));
        assertThat(json.indexOf("accounts")).isLessThan(json.indexOf("validators"));
        assertThat(json).contains("\"data_base64\" : \"AQID\"");
    }

    @Test
    void formattingAndKeyOrderDoNotChangeTheHash() {
        Genesis g = sample();
        String reordered = """
                {"validators":[{"stake":1000000,"identity":"%s"},{"identity":"%s","stake":2000000}],
                   "accounts" : [ {"lamports":1000, "address":"%s"},
                                  {"executable":true,"data_base64":"AQID","owner":"%s","lamports":7,"address":"%s"} ],
                "faucet":{"address":"%s","enabled":true},
                    "blockhash_max_age_blocks":150,"lamports_per_signature":5000,
                "genesis_time_ms":1764115200000,"chain_id":"mira-test"}
                """.formatted(key(3), key(4), key(1), key(9), key(2), key(1));
        Genesis parsed = GenesisJson.parse(reordered);
        assertThat(parsed).isEqualTo(g);
        assertThat(parsed.hash()).isEqualTo(g.hash());
    }

    @Test
    void optionalAccountFieldsHaveDefaults() {
        Genesis g = GenesisJson.parse(minimal("\"accounts\": [{\"address\": \"" + key(1) + "\", \"lamports\": 5}]"));
        Genesis.GenesisAccount a = g.accounts().get(0);
        assertThat(a.owner()).isEqualTo(Genesis.SYSTEM_PROGRAM);
        assertThat(a.data()).isEmpty();
        assertThat(a.executable()).isFalse();
        assertThat(g.faucet()).isEmpty();
    }

    @Test
    void computeLimitsAreOptionalAndDefaultToSolanasValues() {
        // A genesis file from before the compute fields existed still loads, to the same chain as
        // one that spells the defaults out.
        Genesis old = GenesisJson.parse(minimal("\"accounts\": []"));
        assertThat(old.compute()).isEqualTo(Genesis.ComputeLimits.DEFAULTS);
        Genesis explicit = GenesisJson.parse(minimal("\"accounts\": [], \"compute_unit_limit_per_instruction\": 200000,"
                + " \"max_compute_units_per_transaction\": 1400000, \"max_compute_units_per_block\": 48000000,"
                + " \"max_compute_units_per_account_per_block\": 12000000"));
        assertThat(explicit).isEqualTo(old);
        assertThat(explicit.hash()).isEqualTo(old.hash());
    }

    @Test
    void computeLimitsAreReadWrittenAndValidated() {
        Genesis g = GenesisJson.parse(minimal("\"accounts\": [], \"max_compute_units_per_transaction\": 1000,"
                + " \"max_compute_units_per_block\": 5000, \"max_compute_units_per_account_per_block\": 2000"));
        assertThat(g.compute()).isEqualTo(new Genesis.ComputeLimits(200_000, 1_000, 5_000, 2_000));
        assertThat(GenesisJson.toJson(g)).contains("\"compute_unit_limit_per_instruction\" : 200000")
                .contains("\"max_compute_units_per_transaction\" : 1000");
        assertThat(GenesisJson.parse(GenesisJson.toJson(g))).isEqualTo(g);
        assertParseError(minimal("\"accounts\": [], \"max_compute_units_per_block\": 0"),
                "genesis.max_compute_units_per_block: must be positive, got 0");
        assertParseError(minimal("\"accounts\": [], \"max_compute_units_per_transaction\": \"1\""),
                "genesis.max_compute_units_per_transaction: expected an integer between -9223372036854775808 and"
                        + " 9223372036854775807, got \"1\"");
        assertParseError(minimal("\"accounts\": [], \"max_compute_units_per_account_per_block\": 50000000"),
                "genesis.max_compute_units_per_account_per_block: must be at most max_compute_units_per_block"
                        + " (48000000), got 50000000");
    }

    @Test
    void unknownFieldsAreRefusedAtEveryLevel() {
        assertParseError(minimal("\"accounts\": [], \"chain\": 1"),
                "genesis.chain: unknown field; known fields: chain_id, genesis_time_ms, lamports_per_signature,"
                        + " blockhash_max_age_blocks, compute_unit_limit_per_instruction,"
                        + " max_compute_units_per_transaction, max_compute_units_per_block,"
                        + " max_compute_units_per_account_per_block, faucet, accounts, validators, parameters");
        assertParseError(minimal("\"accounts\": [{\"address\": \"" + key(1) + "\", \"lamports\": 5, \"lamport\": 1}]"),
                "genesis.accounts[0].lamport: unknown field; known fields: address, lamports, owner, data_base64,"
                        + " executable");
        assertParseError(minimal("\"accounts\": [], \"faucet\": {\"enabled\": false, \"address\": \"" + key(1)
                        + "\", \"amount\": 1}"),
                "genesis.faucet.amount: unknown field; known fields: enabled, address");
    }

    @Test
    void missingAndMistypedFieldsAreNamed() {
        assertParseError("{\"accounts\": [], \"validators\": []}", "genesis.chain_id: is required");
        assertParseError(minimal("\"accounts\": [{\"address\": \"" + key(1) + "\", \"lamports\": \"5\"}]"),
                "genesis.accounts[0].lamports: expected an integer between -9223372036854775808 and"
                        + " 9223372036854775807, got \"5\"");
        assertParseError(minimal("\"accounts\": [{\"address\": \"" + key(1) + "\", \"lamports\": 1.5}]"),
                "genesis.accounts[0].lamports: expected an integer between -9223372036854775808 and"
                        + " 9223372036854775807, got 1.5");
        assertParseError(minimal("\"accounts\": [{\"address\": \"" + key(1) + "\", \"lamports\": 99999999999999999999}]"),
                "genesis.accounts[0].lamports: expected an integer between -9223372036854775808 and"
                        + " 9223372036854775807, got 99999999999999999999");
        assertParseError(minimal("\"accounts\": [{\"address\": \"" + key(1) + "\", \"lamports\": 1, \"executable\": 1}]"),
                "genesis.accounts[0].executable: expected true or false, got 1");
        assertParseError(minimal("\"accounts\": {}"), "genesis.accounts: expected a JSON array, got {}");
        assertParseError(minimal("\"accounts\": [5]"), "genesis.accounts[0]: expected a JSON object, got 5");
        assertParseError(minimal("\"accounts\": [], \"faucet\": {\"address\": \"" + key(1) + "\"}"),
                "genesis.faucet.enabled: is required");
        assertParseError("[]", "genesis: expected a JSON object, got []");
    }

    @Test
    void addressesMustBeBase58Keys() {
        assertParseError(minimal("\"accounts\": [{\"address\": \"0OIl\", \"lamports\": 1}]"),
                "genesis.accounts[0].address: not a valid base58 address: invalid base58 character '0' at position 0");
        assertParseError(minimal("\"accounts\": [{\"address\": \"abc\", \"lamports\": 1}]"),
                "genesis.accounts[0].address: not a valid base58 address: public key must decode to 32 bytes,"
                        + " 'abc' decodes to 3");
        assertParseError(minimal("\"accounts\": [{\"address\": \"" + key(1) + "\", \"lamports\": 1, \"owner\": 5}]"),
                "genesis.accounts[0].owner: expected a string, got 5");
        assertParseError("{\"chain_id\": \"x\", \"genesis_time_ms\": 1, \"lamports_per_signature\": 0,"
                        + " \"blockhash_max_age_blocks\": 1, \"accounts\": [], \"validators\": [{\"identity\": \"\","
                        + " \"stake\": 1}]}",
                "genesis.validators[0].identity: not a valid base58 address: public key must not be empty");
    }

    @Test
    void dataMustBeBase64() {
        assertParseError(minimal("\"accounts\": [{\"address\": \"" + key(1) + "\", \"lamports\": 1, \"data_base64\": \"!!\"}]"),
                "genesis.accounts[0].data_base64: not valid base64: Illegal base64 character 21");
    }

    @Test
    void blockhashAgeIsRangeCheckedBeforeNarrowing() {
        assertParseError(minimal("\"accounts\": []").replace("\"blockhash_max_age_blocks\": 150",
                        "\"blockhash_max_age_blocks\": 4294967446"),
                "genesis.blockhash_max_age_blocks: must be between 1 and 10000, got 4294967446");
    }

    @Test
    void semanticRulesApplyToParsedFiles() {
        assertParseError(minimal("\"accounts\": []").replace("\"validators\": [{\"identity\": \"" + key(3)
                        + "\", \"stake\": 10}]", "\"validators\": []"),
                "genesis.validators: must contain at least one validator");
    }

    @Test
    void duplicateKeysAndTrailingContentAreRefused() {
        assertThatThrownBy(() -> GenesisJson.parse(minimal("\"accounts\": [], \"accounts\": []")))
                .hasMessageStartingWith("genesis: not valid JSON at line 1")
                .hasMessageContaining("accounts");
        assertThatThrownBy(() -> GenesisJson.parse(minimal("\"accounts\": []") + " {}"))
                .hasMessageStartingWith("genesis: not valid JSON");
        assertThatThrownBy(() -> GenesisJson.parse("{\"chain_id\": // comment\n \"x\"}"))
                .hasMessageStartingWith("genesis: not valid JSON at line 1, column 14");
    }

    @Test
    void readErrorsNameTheFileAndTheField() throws IOException {
        Path file = dir.resolve("g.json");
        Files.writeString(file, minimal("\"accounts\": []").replace("\"stake\": 10", "\"stake\": 0"));
        assertThatThrownBy(() -> GenesisJson.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("genesis: " + file + ": validators[0].stake: must be positive, got 0")
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("genesis");
        try {
            GenesisJson.read(file);
        } catch (ConfigException e) {
            assertThat(((ConfigException) e.getCause()).field()).isEqualTo("genesis.validators[0].stake");
        }
        Files.writeString(file, "{");
        assertThatThrownBy(() -> GenesisJson.read(file)).hasMessageStartingWith("genesis: " + file + ": not valid JSON");
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> GenesisJson.read(missing)).hasMessage("genesis: " + missing + ": file not found");
    }

    /** A valid genesis except for {@code accounts} (and whatever {@code extra} adds). */
    private static String minimal(String accountsAndExtra) {
        return "{\"chain_id\": \"mira-test\", \"genesis_time_ms\": 1, \"lamports_per_signature\": 0,"
                + " \"blockhash_max_age_blocks\": 150, \"validators\": [{\"identity\": \"" + key(3)
                + "\", \"stake\": 10}], " + accountsAndExtra + "}";
    }

    private static void assertParseError(String json, String message) {
        assertThatThrownBy(() -> GenesisJson.parse(json)).isInstanceOf(ConfigException.class).hasMessage(message);
    }
}
