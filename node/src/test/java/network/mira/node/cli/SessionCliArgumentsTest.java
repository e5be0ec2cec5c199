package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.KeypairFile;
import network.mira.core.crypto.PublicKey;
import network.mira.sessions.scope.ProgramScope;
import network.mira.settlement.staking.program.StakeProgram;
import network.mira.svm.program.computebudget.ComputeBudgetProgram;
import network.mira.svm.program.system.SystemProgram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

/**
 * The session commands' arguments, checked before anything reaches a node: every refusal is a usage
 * error (exit 2) that says why. The node address is a closed port, so a command that got past its
 * checks would exit 3 instead.
 */
class SessionCliArgumentsTest {
    private static final String NOWHERE = "127.0.0.1:1";

    @TempDir
    Path dir;
    private String owner;
    private String key;
    private final String bob = KeyPair.generate(new SecureRandom()).publicKey().toBase58();

    @BeforeEach
    void keys() throws Exception {
        owner = write("alice");
        key = write("session-key");
    }

    private String write(String name) throws Exception {
        Path file = dir.resolve(name + ".json");
        KeypairFile.write(file, KeyPair.generate(new SecureRandom()));
        return file.toString();
    }

    private static CliRunner.Result mira(String... arguments) {
        String[] all = new String[arguments.length + 2];
        all[0] = "--rpc";
        all[1] = NOWHERE;
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return new CliRunner().run(all);
    }

    private CliRunner.Result create(String... extra) {
        List<String> arguments = new java.util.ArrayList<>(List.of("session", "create", "--owner", owner,
                "--session-key", key));
        arguments.addAll(List.of(extra));
        return mira(arguments.toArray(String[]::new));
    }

    private static void assertUsage(CliRunner.Result result, String message) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).as(result.toString()).contains(message);
    }

    @Test
    void lifetimesAreANumberAndAUnit() {
        Converters.Lifetime lifetime = new Converters.Lifetime();
        assertThat(lifetime.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(lifetime.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(lifetime.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(lifetime.convert("1d")).isEqualTo(Duration.ofDays(1));
        for (String bad : List.of("10", "0s", "367d", "1.5h", "-5m", "10 m", "m", "10M", "")) {
            assertThatThrownBy(() -> lifetime.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class);
        }
    }

    @Test
    void theExpiryIsTheHeadTimePlusTheLifetimeRoundedUpToAWholeSecond() {
        assertThat(SessionWriteCommands.Create.expiry(1_000, Duration.ofMinutes(10))).isEqualTo(601_000);
        assertThat(SessionWriteCommands.Create.expiry(1_001, Duration.ofSeconds(30))).isEqualTo(32_000);
        assertThat(SessionWriteCommands.Create.expiry(1_764_115_199_999L, Duration.ofSeconds(1)))
                .isEqualTo(1_764_115_201_000L);
    }

    @Test
    void programsAreNamedOrBase58WithOptionalDiscriminators() {
        Converters.SessionProgramEntry entry = new Converters.SessionProgramEntry();
        assertThat(entry.convert("system")).isEqualTo(new ProgramScope(SystemProgram.ID, Optional.empty()));
        assertThat(entry.convert("system:2")).isEqualTo(new ProgramScope(SystemProgram.ID,
                Optional.of(new TreeSet<>(List.of(2)))));
        assertThat(entry.convert("stake:3+0")).isEqualTo(new ProgramScope(StakeProgram.ID,
                Optional.of(new TreeSet<>(List.of(0, 3)))));
        assertThat(entry.convert("compute-budget").program()).isEqualTo(ComputeBudgetProgram.ID);
        PublicKey game = KeyPair.generate(new SecureRandom()).publicKey();
        assertThat(entry.convert(game.toBase58() + ":255").program()).isEqualTo(game);
        for (String bad : List.of("sytem", "system:", "system:256", "system:2+2", "system:a", "system:-1",
                "system:0+1+2+3+4+5+6+7+8+9+10+11+12+13+14+15+16")) {
            assertThatThrownBy(() -> entry.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class);
        }
    }

    @Test
    void aScopeThatBreaksARuleIsAUsageError() {
        assertUsage(create("--expires-in", "10m", "--spend-limit", "100", "--per-tx-limit", "200"),
                "perTransactionLimit 200 is above spendLimit 100");
        assertUsage(create("--expires-in", "10m", "--programs", "system,stake,system:2"),
                "--programs names " + SystemProgram.ID + " twice");
        assertUsage(create("--expires-in", "10m", "--recipients", bob + "," + bob), "--recipients names " + bob
                + " twice");
        assertUsage(create("--expires-in", "10m", "--recipients", "nobody"), "'nobody' is not a base58 address");
        assertUsage(create("--expires-in", "10m", "--programs", "sytem"), "'sytem' is neither system");
        assertUsage(create("--expires-in", "10x"), "'10x' is not a lifetime");
        assertUsage(create(), "--expires-in");
        assertUsage(create("--expires-in", "10m", "--domain", "https://app.example.com"), "is not a domain");
        assertUsage(create("--expires-in", "10m", "--spend-limit", "-1"), "must not be negative");
    }

    @Test
    void aValidCreateGoesToTheNode() {
        CliRunner.Result result = create("--expires-in", "10m", "--programs", "stake,system:2",
                "--spend-limit", "1000", "--per-tx-limit", "100", "--max-tx", "3", "--recipients", bob,
                "--fee-allowance", "5000", "--nonce", "7", "--via-intent");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    }

    @Test
    void aTransferNeedsFromOrASessionKeyWithItsOwner() {
        assertUsage(mira("transfer", "--to", bob, "--amount", "1"), "Missing required option: '--from=FILE'");
        assertUsage(mira("transfer", "--from", owner, "--session-key", key, "--to", bob, "--amount", "1"),
                "--from cannot be combined with --session-key");
        assertUsage(mira("transfer", "--session-key", key, "--to", bob, "--amount", "1"),
                "--session-key needs --owner");
        assertUsage(mira("transfer", "--session-key", key, "--owner", "nobody", "--to", bob, "--amount", "1"),
                "'nobody' is neither a base58 address");
        CliRunner.Result fromStillWorks = mira("transfer", "--from", owner, "--to", bob, "--amount", "1");
        assertThat(fromStillWorks.exitCode()).as(fromStillWorks.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        CliRunner.Result throughSession = mira("transfer", "--session-key", key, "--owner", owner, "--to", bob,
                "--amount", "1");
        assertThat(throughSession.exitCode()).as(throughSession.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    }

    @Test
    void readingCommandsCheckTheirArguments() {
        assertUsage(mira("session"), "missing subcommand: one of create, list, show, revoke, history");
        assertUsage(mira("session", "list", "nobody"), "'nobody' is neither a base58 address");
        assertUsage(mira("session", "show", "nobody"), "'nobody' is not a base58 address");
        assertUsage(mira("session", "history", bob, "--limit", "0"), "--limit must be 1 to 64, got 0");
        assertUsage(mira("session", "history", bob, "--limit", "65"), "--limit must be 1 to 64, got 65");
        assertUsage(mira("session", "revoke", "--owner", owner), "--session");
        assertThat(mira("session", "history", bob, "--from", "3", "--limit", "10").exitCode())
                .isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(new CliRunner().run("--help").stdout()).contains("session");
    }
}
