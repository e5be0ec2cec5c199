package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import network.mira.core.crypto.KeypairFile;
import network.mira.core.crypto.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path dir;

    @Test
    void newWritesAKeypairFileThatShowPrintsBack() throws Exception {
        Path file = dir.resolve("alice.json");
        CliRunner.Result created = new CliRunner().run("keys", "new", "--out", file.toString());

        assertThat(created.exitCode()).as(created.toString()).isZero();
        String publicKey = created.stdout().strip();
        assertThat(created.stdout()).isEqualTo(publicKey + System.lineSeparator());
        assertThat(PublicKey.fromBase58(publicKey)).isEqualTo(KeypairFile.read(file).publicKey());
        // Solana's format: a JSON array of the 64-byte secret key.
        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).startsWith("[").endsWith("]");

        CliRunner.Result shown = new CliRunner().run("keys", "show", file.toString());
        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        assertThat(shown.stdout().strip()).isEqualTo(publicKey);
    }

    @Test
    void jsonOutputHasPublicKeyAndPath() {
        Path file = dir.resolve("bob.json");
        JsonNode created = new CliRunner().run("keys", "new", "--out", file.toString(), "--json").json();
        JsonNode shown = new CliRunner().run("keys", "show", file.toString(), "--json").json();

        assertThat(created.get("public_key").asText()).isNotBlank();
        assertThat(created.get("path").asText()).isEqualTo(file.toAbsolutePath().normalize().toString());
        assertThat(shown.get("public_key").asText()).isEqualTo(created.get("public_key").asText());
        assertThat(shown.get("path").asText()).isEqualTo(created.get("path").asText());
    }

    @Test
    void refusesToOverwriteAnExistingFileUnlessForced() throws Exception {
        Path file = dir.resolve("key.json");
        String first = new CliRunner().run("keys", "new", "--out", file.toString()).stdout().strip();
        byte[] before = Files.readAllBytes(file);

        CliRunner.Result refused = new CliRunner().run("keys", "new", "--out", file.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.stdout()).isEmpty();
        assertThat(refused.stderr()).startsWith("error: keypair file " + file + " already exists")
                .contains("--force");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);

        CliRunner.Result forced = new CliRunner().run("keys", "new", "--out", file.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        String second = forced.stdout().strip();
        assertThat(second).isNotEqualTo(first);
        assertThat(KeypairFile.read(file).publicKey().toBase58()).isEqualTo(second);
    }

    @Test
    void showReadsKeypairFilesWrittenBySolanaTools() throws Exception {
        Path file = dir.resolve("solana-alice.json");
        Files.writeString(file, Fixtures.keypairFileJson("alice"), StandardCharsets.US_ASCII);

        CliRunner.Result shown = new CliRunner().run("keys", "show", file.toString());
        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        assertThat(shown.stdout().strip()).isEqualTo(Fixtures.pubkey("alice"));
    }

    @Test
    void showExplainsAMissingOrBrokenFile() throws Exception {
        Path missing = dir.resolve("missing.json");
        CliRunner.Result absent = new CliRunner().run("keys", "show", missing.toString());
        assertThat(absent.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(absent.stderr()).isEqualTo("error: keypair file " + missing + " does not exist"
                + System.lineSeparator());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "[1, 2, 3]");
        CliRunner.Result bad = new CliRunner().run("keys", "show", broken.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(bad.stdout()).isEmpty();
        assertThat(bad.stderr()).startsWith("error: ").contains(broken.toString()).doesNotContain("\tat ");
    }

    @Test
    void newNeedsAnExistingDirectory() {
        Path nowhere = dir.resolve("no-such-dir").resolve("key.json");
        CliRunner.Result result = new CliRunner().run("keys", "new", "--out", nowhere.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stderr()).startsWith("error: cannot write keypair file " + nowhere)
                .contains("does not exist");
    }

    @Test
    void newWithoutOutIsAUsageError() {
        CliRunner.Result result = new CliRunner().run("keys", "new");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("--out");
    }
}
