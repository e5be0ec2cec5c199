package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.KeypairFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verify commands' arguments, checked before anything reaches a node: a refusal is a usage error
 * (exit 2) that says why. The node address is a closed port, so a command that got past its checks
 * exits 3 (unreachable) instead.
 */
class VerifyCliArgumentsTest {
    private static final String NOWHERE = "127.0.0.1:1";

    @TempDir
    Path dir;
    private String from;

    @BeforeEach
    void key() throws Exception {
        Path file = dir.resolve("requester.json");
        KeypairFile.write(file, KeyPair.generate(new SecureRandom()));
        from = file.toString();
    }

    @Test
    void textOrClaimsFileIsRequiredButNotBoth() throws Exception {
        Path claims = Files.writeString(dir.resolve("claims.txt"), "The sky is blue\n", StandardCharsets.UTF_8);
        assertUsage(mira("verify", "submit", "--from", from), "--text");
        assertUsage(mira("verify", "submit", "--from", from, "--text", "The sky is blue.", "--claims-file",
                claims.toString()), "mutually exclusive");
    }

    @Test
    void claimsTheChainWouldRefuseAreRefusedBeforeSending() throws Exception {
        assertUsage(mira("verify", "submit", "--from", from, "--text", " ... "), "EMPTY");
        assertUsage(mira("verify", "submit", "--from", from, "--text", "x".repeat(8_193)), "TEXT_TOO_LONG");
        Path onlyComments = Files.writeString(dir.resolve("comments.txt"), "# nothing here\n\n",
                StandardCharsets.UTF_8);
        assertUsage(mira("verify", "submit", "--from", from, "--claims-file", onlyComments.toString()), "EMPTY");
    }

    @Test
    void validArgumentsReachForTheNode() throws Exception {
        Path claims = Files.writeString(dir.resolve("claims.txt"), "# facts\nThe sky is blue\n\nFire is cold\n",
                StandardCharsets.UTF_8);
        CliRunner.Result result = mira("verify", "submit", "--from", from, "--claims-file", claims.toString(),
                "--committee", "3", "--threshold-bps", "7000", "--wait");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        CliRunner.Result cert = mira("verify", "cert", KeyPair.generate(new SecureRandom()).publicKey().toBase58());
        assertThat(cert.exitCode()).as(cert.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(mira("verify", "stats", "--json").exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    }

    @Test
    void certNeedsARequestAddress() {
        assertUsage(mira("verify", "cert", "not-an-address"), "not-an-address");
    }

    private static void assertUsage(CliRunner.Result result, String message) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).as(result.toString()).contains(message);
    }

    private static CliRunner.Result mira(String... arguments) {
        String[] all = new String[arguments.length + 2];
        all[0] = "--rpc";
        all[1] = NOWHERE;
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return new CliRunner().run(all);
    }
}
