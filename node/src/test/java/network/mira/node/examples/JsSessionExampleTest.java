package network.mira.node.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.node.cli.GenesisParameters;
import network.mira.node.cli.InProcessDevnet;
import network.mira.sessions.program.SessionProgram;
import network.mira.sessions.program.SessionRecord;
import network.mira.sessions.scope.ProgramScope;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.TransactionStatus;
import network.mira.svm.program.system.SystemProgram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/js, the JavaScript dApp of docs/sessions.md, run as real {@code node} processes: its
 * unit tests (the documented intent vector), then session-demo.js against a devnet with sessions in
 * this JVM. The demo's JSON summary is checked against the ledger: the session it created is the
 * account the Java side derives, holds the scope the wallet signed and has spent exactly the two
 * transfers; the third transfer failed on chain with SpendLimitExceeded.
 *
 * <p>Skipped, with the reason printed, only when {@code node} or {@code npm} is not on PATH.
 */
class JsSessionExampleTest {
    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration NODE_TEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DEMO_TIMEOUT = Duration.ofSeconds(90);
    private static final int MAX_PARENT_DIRS = 4;
    // What session-demo.js asks for: it airdrops 1 MIRA to the wallet and makes 100000-lamport transfers.
    private static final long OWNER_AIRDROP = 1_000_000_000L;
    private static final long TRANSFER = 100_000L;

    private static Path node;
    private static Path example;
    private static String missing;

    @TempDir
    Path work;

    /** Finds node and npm and installs the example's dependencies, once; without them every test is skipped. */
    @BeforeAll
    static void findNodeAndInstall() throws Exception {
        Optional<Path> nodeFound = onPath("node");
        Optional<Path> npmFound = onPath("npm");
        missing = nodeFound.isEmpty() ? "node" : npmFound.isEmpty() ? "npm" : "";
        if (!missing.isEmpty()) {
            System.out.println("JsSessionExampleTest skipped: '" + missing + "' is not on PATH (Node.js 18+ runs it)");
            return;
        }
        node = nodeFound.orElseThrow();
        example = exampleDir();
        installDependencies(npmFound.orElseThrow());
    }

    @BeforeEach
    void skipWithoutNode() {
        assumeTrue(missing.isEmpty(), "'" + missing + "' is not on PATH (Node.js 18+ runs examples/js)");
    }

    @Test
    void theIntentTextAndEncodingsMatchTheDocumentedExample() throws Exception {
        Run tests = Run.of(List.of(node.toString(), "--test", "test/intent.test.js"), example, NODE_TEST_TIMEOUT);
        assertThat(tests.exitCode()).as(tests.toString()).isZero();
    }

    @Test
    void theSessionKeyMakesTwoTransfersAndTheRuntimeRefusesTheThird() throws Exception {
        Map<String, Long> withSessions = GenesisParameters.complete(Map.of());
        try (InProcessDevnet devnet = InProcessDevnet.start(work.resolve("devnet"), withSessions)) {
            Run demo = Run.of(List.of(node.toString(), "session-demo.js", "--rpc", devnet.rpc(), "--json"), example,
                    DEMO_TIMEOUT);
            System.out.println("session-demo.js log:\n" + demo.stderr() + "session-demo.js summary:\n" + demo.stdout());
            assertThat(demo.exitCode()).as(demo.toString()).isZero();
            JsonNode summary = new ObjectMapper().readTree(demo.stdout());
            assertSummary(summary);
            assertLedger(devnet.ledger(), summary);
        }
    }

    private static void assertSummary(JsonNode summary) {
        JsonNode transfers = summary.get("transfers");
        assertThat(transfers).hasSize(3);
        assertThat(List.of(status(transfers.get(0)), status(transfers.get(1)), status(transfers.get(2))))
                .containsExactly("SUCCEEDED/null", "SUCCEEDED/null", "FAILED/SpendLimitExceeded");
        assertThat(summary.get("recipient_balance").asLong()).isEqualTo(2 * TRANSFER);
        assertThat(summary.get("as_expected").asBoolean()).isTrue();
    }

    private static String status(JsonNode transfer) {
        return transfer.get("status").asText() + "/" + (transfer.get("error").isNull() ? "null"
                : transfer.get("error").asText());
    }

    /** What the demo reports, read from finalized state: nothing is taken from the summary on trust. */
    private static void assertLedger(Ledger ledger, JsonNode summary) throws Exception {
        PublicKey owner = key(summary, "owner");
        PublicKey recipient = key(summary, "recipient");
        PublicKey session = key(summary, "session");
        long nonce = Long.parseLong(summary.get("nonce").asText());
        assertThat(SessionProgram.sessionAddress(owner, nonce)).as("the JS derivation of the session address")
                .isEqualTo(session);
        assertThat(lamports(ledger, recipient)).isEqualTo(2 * TRANSFER);
        assertThat(lamports(ledger, owner)).as("the wallet paid the transfers and no fee")
                .isEqualTo(OWNER_AIRDROP - 2 * TRANSFER);

        Account account = ledger.get(session).orElseThrow();
        assertThat(account.owner()).isEqualTo(SessionProgram.ID);
        SessionRecord record = SessionRecord.decode(account.data());
        assertThat(record.owner()).isEqualTo(owner);
        assertThat(record.sessionKey()).isEqualTo(key(summary, "session_key"));
        assertThat(record.domain()).isEqualTo("session-demo.example");
        assertThat(record.expiresAtMs()).isEqualTo(Instant.parse(summary.get("expires_at").asText()).toEpochMilli());
        assertThat(record.scope().programs()).contains(List.of(
                new ProgramScope(SystemProgram.ID, Optional.<SortedSet<Integer>>of(new TreeSet<>(List.of(2))))));
        assertThat(record.scope().spendLimit()).isEqualTo(OptionalLong.of(250_000));
        assertThat(record.scope().perTransactionLimit()).isEqualTo(OptionalLong.of(150_000));
        assertThat(record.scope().maxTransactions()).isEqualTo(OptionalLong.of(10));
        assertThat(record.scope().recipients()).contains(List.of(recipient));
        assertThat(record.scope().feeAllowance()).isZero();
        assertThat(record.spent()).isEqualTo(2 * TRANSFER);
        assertThat(record.transactions()).isEqualTo(2);

        JsonNode transfers = summary.get("transfers");
        assertThat(onChain(ledger, transfers.get(0)).error()).isEmpty();
        assertThat(onChain(ledger, transfers.get(1)).error()).isEmpty();
        assertThat(onChain(ledger, transfers.get(2)).error().orElseThrow().code()).isEqualTo("SpendLimitExceeded");
    }

    private static PublicKey key(JsonNode summary, String field) {
        return PublicKey.fromBase58(summary.get(field).asText());
    }

    private static long lamports(Ledger ledger, PublicKey address) {
        return ledger.get(address).map(Account::lamports).orElse(0L);
    }

    private static TransactionStatus onChain(Ledger ledger, JsonNode transfer) {
        return ledger.transaction(Signature.fromBase58(transfer.get("signature").asText())).orElseThrow();
    }

    /** {@code npm ci} when node_modules is missing or older than the lock file. */
    private static void installDependencies(Path npm) throws IOException, InterruptedException {
        Path installed = example.resolve("node_modules").resolve(".package-lock.json");
        Path lock = example.resolve("package-lock.json");
        if (Files.exists(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
            return;
        }
        // No install scripts: the example needs none (they only build optional native speedups).
        Run install = Run.of(List.of(npm.toString(), "ci", "--ignore-scripts", "--no-audit", "--no-fund"), example,
                NPM_CI_TIMEOUT);
        assertThat(install.exitCode()).as("npm ci failed:\n" + install).isZero();
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** examples/js of this checkout; tests run in a module directory, one below the root. */
    private static Path exampleDir() {
        Path directory = Path.of("").toAbsolutePath();
        for (int i = 0; i <= MAX_PARENT_DIRS && directory != null; i++) {
            Path candidate = directory.resolve("examples").resolve("js");
            if (Files.isRegularFile(candidate.resolve("session-demo.js"))) {
                return candidate;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException("examples/js/session-demo.js not found above " + Path.of("").toAbsolutePath());
    }

    /** A finished process: its exit code and everything it printed. */
    private record Run(List<String> command, int exitCode, String stdout, String stderr) {
        static Run of(List<String> command, Path directory, Duration timeout) throws IOException, InterruptedException {
            Path out = Files.createTempFile("js-example", ".out");
            Path err = Files.createTempFile("js-example", ".err");
            try {
                Process process = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                return new Run(command, finished ? process.exitValue() : -1, read(out),
                        read(err) + (finished ? "" : "\n(killed after " + timeout.toSeconds() + " s)"));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }

        private static String read(Path file) throws IOException {
            return Files.readString(file, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " exited " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n"
                    + stderr;
        }
    }
}
