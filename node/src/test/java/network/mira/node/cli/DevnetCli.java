package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code mira} CLI pointed at one in-process devnet, for end-to-end command tests: runs commands,
 * checks their JSON, and makes (funded) key files in the test's directory.
 */
final class DevnetCli {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String rpc;
    private final Path dir;

    DevnetCli(String rpc, Path dir) {
        this.rpc = rpc;
        this.dir = dir;
    }

    CliRunner.Result run(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--rpc", rpc));
        all.addAll(List.of(arguments));
        return new CliRunner().run(all.toArray(String[]::new));
    }

    /** The command's one JSON object; it must exit 0 with nothing on stderr. */
    JsonNode json(String... arguments) {
        CliRunner.Result result = run(arguments);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).as(result.toString()).isEmpty();
        return result.json();
    }

    /** The command's stdout as one JSON array; it must exit 0. */
    JsonNode array(String... arguments) throws IOException {
        CliRunner.Result result = run(arguments);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode array = JSON.readTree(result.stdout());
        assertThat(array.isArray()).as("stdout is one JSON array: " + result).isTrue();
        return array;
    }

    String file(String name) {
        return dir.resolve(name + ".json").toString();
    }

    /** A new keypair file {@code name}.json; returns its address. */
    String key(String name) {
        return json("keys", "new", "--out", file(name), "--json").get("public_key").asText();
    }

    /** A new keypair file holding {@code lamports} from the faucet; returns its address. */
    String fundedKey(String name, long lamports) {
        String address = key(name);
        assertThat(json("airdrop", address, Long.toString(lamports), "--json").get("status").asText())
                .isEqualTo("SUCCEEDED");
        return address;
    }
}
