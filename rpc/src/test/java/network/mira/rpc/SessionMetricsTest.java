package network.mira.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.TransactionState;
import network.mira.sessions.program.SessionProgram;
import network.mira.svm.program.system.SystemProgram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session meters of a node that runs the session program, computed from its finalized blocks. */
class SessionMetricsTest {
    @TempDir
    Path dir;
    private TestNode node;
    private SessionDriver driver;

    @BeforeEach
    void start() throws Exception {
        node = new TestNode(dir, TestNode.Options.defaults().withSessions());
        driver = new SessionDriver(node);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private static double live(MeterRegistry registry) {
        return registry.get("mira_sessions_live").gauge().value();
    }

    private double transactions(String outcome, String reason) {
        return node.metrics.get("mira_session_transactions").tags("outcome", outcome, "reason", reason).counter()
                .count();
    }

    @Test
    void liveSessionsLeaveWhenRevokedOrExpiredAndSessionTransactionsAreCountedByReason() {
        assertThat(live(node.metrics)).isZero();
        long expiry = driver.midMinute(3);
        PublicKey active = driver.open(1, driver.node.clockMs() + 10 * SessionDriver.MINUTE,
                driver.limited(1_000, 150, 10));
        PublicKey expiring = driver.open(2, expiry, SessionDriver.unlimited());
        PublicKey revoked = driver.open(3, expiry, SessionDriver.unlimited());
        assertThat(live(node.metrics)).isEqualTo(3);

        assertThat(driver.pay(active, 100).getState()).isEqualTo(TransactionState.SUCCEEDED);
        assertThat(driver.pay(active, 151).getError().getCode()).isEqualTo("PerTransactionLimitExceeded");
        assertThat(driver.pay(expiring, 1).getState()).isEqualTo(TransactionState.SUCCEEDED);
        assertThat(driver.revoke(revoked).getState()).isEqualTo(TransactionState.SUCCEEDED);
        assertThat(live(node.metrics)).as("revoked at the head: gone").isEqualTo(2);
        // Created and revoked in one transaction: never live at a finalized head.
        assertThat(driver.run(node.alice, driver.create(4, expiry, SessionDriver.unlimited()),
                SessionProgram.revoke(driver.address(4), node.alice.publicKey())).getState())
                .isEqualTo(TransactionState.SUCCEEDED);
        // A plain transfer is not a session transaction.
        driver.run(node.alice, SystemProgram.transfer(node.alice.publicKey(), node.bob.publicKey(), 1));
        assertThat(live(node.metrics)).isEqualTo(2);

        String lastUse = driver.submit(driver.sessionKey, driver.use(expiring, 1));
        driver.blockAt(expiry - 1);
        assertThat(driver.outcome(lastUse).getState()).as("used in the block one ms before expiry")
                .isEqualTo(TransactionState.SUCCEEDED);
        assertThat(live(node.metrics)).isEqualTo(2);
        node.produceBlock();
        assertThat(live(node.metrics)).as("the next block, after expiry").isEqualTo(1);
        assertThat(driver.pay(expiring, 1).getError().getCode()).isEqualTo("SessionExpired");

        assertThat(transactions("succeeded", "none")).as("4 creations, 3 uses, 1 revocation").isEqualTo(8);
        assertThat(transactions("failed", "PerTransactionLimitExceeded")).isEqualTo(1);
        assertThat(transactions("failed", "SessionExpired")).isEqualTo(1);
        assertThat(node.metrics.scrape())
                .contains("mira_sessions_live 1.0")
                .contains("mira_session_transactions_total{outcome=\"failed\",reason=\"SessionExpired\"} 1.0")
                .contains("mira_session_transactions_total{outcome=\"succeeded\",reason=\"none\"} 8.0");
    }

    @Test
    void aRestartedNodeCountsTheLiveSessionsOfItsState() {
        long expiry = driver.midMinute(2);
        driver.open(1, node.clockMs() + 60 * SessionDriver.MINUTE, SessionDriver.unlimited());
        driver.open(2, node.clockMs() + 3 * 24 * 60 * SessionDriver.MINUTE, SessionDriver.unlimited());
        driver.open(3, expiry, SessionDriver.unlimited());
        driver.revoke(driver.open(4, expiry, SessionDriver.unlimited()));
        assertThat(live(node.metrics)).isEqualTo(3);
        driver.blockAt(expiry);
        assertThat(live(node.metrics)).as("expired at the head's time exactly").isEqualTo(2);

        SimpleMeterRegistry restarted = new SimpleMeterRegistry();
        new SessionMetrics(restarted, node.ledger, node.ledger.headHeader().timestampMs(),
                TestNode.SESSION_MAX_LIFETIME_MS);

        assertThat(live(restarted)).isEqualTo(2);
        assertThat(restarted.get("mira_session_transactions").tags("outcome", "succeeded", "reason", "none")
                .counter().count()).as("counters start from zero").isZero();
    }
}
