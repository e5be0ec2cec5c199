package network.mira.rpc;

import static network.mira.rpc.RpcAssertions.assertRpcError;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.Commitment;
import network.mira.rpc.v1.GetSessionHistoryRequest;
import network.mira.rpc.v1.GetSessionHistoryResponse;
import network.mira.rpc.v1.GetSessionRequest;
import network.mira.rpc.v1.GetSessionResponse;
import network.mira.rpc.v1.ListSessionsRequest;
import network.mira.rpc.v1.ListSessionsResponse;
import network.mira.rpc.v1.Session;
import network.mira.rpc.v1.SessionEvent;
import network.mira.rpc.v1.SessionEventKind;
import network.mira.rpc.v1.SessionServiceGrpc;
import network.mira.rpc.v1.SessionStatus;
import network.mira.rpc.v1.TransactionError;
import network.mira.rpc.v1.TransactionState;
import network.mira.rpc.service.SessionGrpcService;
import network.mira.sessions.program.SessionProgram;
import network.mira.svm.program.system.SystemProgram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SessionService over real gRPC against a real ledger: sessions created, used, revoked, expired and
 * pruned by transactions and blocks of a node that runs the session program, with the test's clock.
 */
class SessionServiceTest {
    private static final long MINUTE = SessionDriver.MINUTE;

    @TempDir
    Path dir;
    private TestNode node;
    private SessionServiceGrpc.SessionServiceBlockingStub sessions;
    private SessionDriver driver;

    @BeforeEach
    void start() throws Exception {
        node = new TestNode(dir, TestNode.Options.defaults().withSessions());
        sessions = SessionServiceGrpc.newBlockingStub(node.channel);
        driver = new SessionDriver(node);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private String alice() {
        return node.alice.publicKey().toBase58();
    }

    private ListSessionsResponse list(String owner) {
        return sessions.listSessions(ListSessionsRequest.newBuilder().setOwner(owner).build());
    }

    private GetSessionHistoryResponse history(long from, int limit) {
        return sessions.getSessionHistory(GetSessionHistoryRequest.newBuilder().setOwner(alice())
                .setFromSequence(from).setLimit(limit).build());
    }

    private static Session find(ListSessionsResponse response, PublicKey session) {
        return response.getSessionsList().stream().filter(s -> s.getSession().equals(session.toBase58()))
                .findFirst().orElseThrow(() -> new AssertionError(session + " is not listed: " + response));
    }

    /** Active (used once), expired but not yet pruned, and revoked: what ListSessions shows of each. */
    @Test
    void listsEveryUnprunedSessionWithStatusRemainingBudgetAndScope() {
        long activeExpiry = node.clockMs() + 10 * MINUTE;
        PublicKey active = driver.open(1, activeExpiry, driver.limited(250, 150, 10));
        long createdHeight = node.ledger.finalizedHeight();
        long shortExpiry = driver.midMinute(3);
        PublicKey expiring = driver.open(2, shortExpiry, SessionDriver.unlimited());
        PublicKey revoked = driver.open(3, activeExpiry, SessionDriver.unlimited());
        assertThat(driver.pay(active, 100).getState()).isEqualTo(TransactionState.SUCCEEDED);
        assertThat(driver.revoke(revoked).getState())
                .isEqualTo(TransactionState.SUCCEEDED);
        long revokedHeight = node.ledger.finalizedHeight();
        driver.blockAt(shortExpiry + 5_000);

        ListSessionsResponse response = list(alice());

        assertThat(response.getCommitment()).isEqualTo(Commitment.FINALIZED);
        assertThat(response.getHeight()).isEqualTo(node.ledger.finalizedHeight());
        long head = node.ledger.headHeader().timestampMs();
        assertThat(response.getHeadTimeMs()).isEqualTo(head).isEqualTo(shortExpiry + 5_000);
        assertThat(response.getSessionsList()).extracting(Session::getSession)
                .containsExactlyElementsOf(new TreeSet<>(List.of(active, expiring, revoked)).stream()
                        .map(PublicKey::toBase58).toList());

        Session used = find(response, active);
        assertThat(used.getStatus()).isEqualTo(SessionStatus.SESSION_STATUS_ACTIVE);
        assertThat(used.getOwner()).isEqualTo(alice());
        assertThat(used.getSessionKey()).isEqualTo(driver.sessionKey.publicKey().toBase58());
        assertThat(used.getDomain()).isEqualTo("game.example");
        assertThat(used.getExpiresAtMs()).isEqualTo(activeExpiry);
        assertThat(used.getRemainingMs()).isEqualTo(activeExpiry - head);
        assertThat(used.getRemainingLamports()).isEqualTo(150);
        assertThat(used.getRemainingTx()).isEqualTo(9);
        assertThat(used.getSpent()).isEqualTo(100);
        assertThat(used.getTransactions()).isEqualTo(1);
        assertThat(used.getCreatedHeight()).isEqualTo(createdHeight);
        assertThat(used.getNonce()).isEqualTo(1);
        assertThat(used.hasRevokedAtHeight()).isFalse();
        assertThat(used.getScope().getProgramsList()).singleElement().satisfies(program -> {
            assertThat(program.getProgram()).isEqualTo(SystemProgram.ID.toBase58());
            assertThat(program.getDiscriminatorsList()).containsExactly(2);
        });
        assertThat(used.getScope().getSpendLimit()).isEqualTo(250);
        assertThat(used.getScope().getPerTxLimit()).isEqualTo(150);
        assertThat(used.getScope().getMaxTx()).isEqualTo(10);
        assertThat(used.getScope().getRecipientsList()).containsExactly(node.bob.publicKey().toBase58());

        Session expired = find(response, expiring);
        assertThat(expired.getStatus()).isEqualTo(SessionStatus.SESSION_STATUS_EXPIRED);
        assertThat(expired.getRemainingMs()).isZero();
        assertThat(expired.hasRemainingLamports()).as("no spend limit: unlimited").isFalse();
        assertThat(expired.hasRemainingTx()).isFalse();
        assertThat(expired.getScope().getProgramsList()).as("any program").isEmpty();
        assertThat(expired.getScope().hasSpendLimit()).isFalse();

        Session ended = find(response, revoked);
        assertThat(ended.getStatus()).isEqualTo(SessionStatus.SESSION_STATUS_REVOKED);
        assertThat(ended.getRevokedAtHeight()).isEqualTo(revokedHeight);

        GetSessionResponse one = sessions.getSession(GetSessionRequest.newBuilder()
                .setAddress(active.toBase58()).build());
        assertThat(one.getSession()).isEqualTo(used);
        assertThat(one.getCommitment()).isEqualTo(Commitment.FINALIZED);
        assertThat(one.getHeight()).isEqualTo(response.getHeight());
        assertThat(one.getHeadTimeMs()).isEqualTo(head);
    }

    @Test
    void aSessionRevokedInTheHeadBlockIsAlreadyRevoked() {
        PublicKey session = driver.open(4, node.clockMs() + 10 * MINUTE, SessionDriver.unlimited());
        driver.revoke(session);
        Session shown = find(list(alice()), session);
        assertThat(shown.getRevokedAtHeight()).isEqualTo(node.ledger.finalizedHeight());
        assertThat(shown.getStatus()).isEqualTo(SessionStatus.SESSION_STATUS_REVOKED);
        TransactionError refused = driver.pay(session, 1).getError();
        assertThat(refused.getCode()).isEqualTo("SessionRevoked");
    }

    @Test
    void aPrunedSessionIsNoLongerListedAndItsExpiryIsInTheHistory() {
        long expiry = driver.midMinute(2);
        PublicKey session = driver.open(5, expiry, SessionDriver.unlimited());
        driver.blockAt(expiry + 2 * MINUTE);

        assertThat(list(alice()).getSessionsList()).isEmpty();
        assertRpcError(() -> sessions.getSession(GetSessionRequest.newBuilder().setAddress(session.toBase58())
                .build()), Status.Code.NOT_FOUND, SessionGrpcService.SESSION_NOT_FOUND);
        GetSessionHistoryResponse trail = history(0, 0);
        assertThat(trail.getEventsList()).extracting(SessionEvent::getKind).containsExactly(
                SessionEventKind.SESSION_EVENT_KIND_CREATED, SessionEventKind.SESSION_EVENT_KIND_EXPIRED);
        SessionEvent expired = trail.getEvents(1);
        assertThat(expired.getSession()).isEqualTo(session.toBase58());
        assertThat(expired.getSignature()).as("no transaction").isEmpty();
        assertThat(expired.getProgram()).isEmpty();
        assertThat(expired.getHeight()).isEqualTo(node.ledger.finalizedHeight());
    }

    @Test
    void historyListsCreatedUsedAndRevokedInPagesBySequence() {
        PublicKey session = driver.open(6, node.clockMs() + 10 * MINUTE, driver.limited(1_000, 150, 10));
        var used = driver.pay(session, 120);
        var refused = driver.pay(session, 151);
        assertThat(refused.getError().getCode()).isEqualTo("PerTransactionLimitExceeded");
        var revoke = driver.revoke(session);

        GetSessionHistoryResponse first = history(0, 2);
        assertThat(first.getEventsList()).extracting(SessionEvent::getSequence).containsExactly(0L, 1L);
        assertThat(first.getEventsList()).extracting(SessionEvent::getKind).containsExactly(
                SessionEventKind.SESSION_EVENT_KIND_CREATED, SessionEventKind.SESSION_EVENT_KIND_USED);
        assertThat(first.getHasMore()).isTrue();
        assertThat(first.getNextFromSequence()).isEqualTo(2);
        assertThat(first.getFirstSequence()).isZero();
        assertThat(first.getNextSequence()).as("the refused use left no event").isEqualTo(3);
        assertThat(first.getDropped()).isZero();
        assertThat(first.getCommitment()).isEqualTo(Commitment.FINALIZED);
        assertThat(first.getHeight()).isEqualTo(node.ledger.finalizedHeight());
        SessionEvent use = first.getEvents(1);
        assertThat(use.getSignature()).isEqualTo(used.getSignature());
        assertThat(use.getProgram()).isEqualTo(SystemProgram.ID.toBase58());
        assertThat(use.getLamports()).isEqualTo(120);
        assertThat(use.getHeight()).isEqualTo(used.getHeight());
        assertThat(use.getSession()).isEqualTo(session.toBase58());

        GetSessionHistoryResponse second = history(first.getNextFromSequence(), 2);
        assertThat(second.getEventsList()).singleElement().satisfies(event -> {
            assertThat(event.getKind()).isEqualTo(SessionEventKind.SESSION_EVENT_KIND_REVOKED);
            assertThat(event.getSequence()).isEqualTo(2);
            assertThat(event.getSignature()).isEqualTo(revoke.getSignature());
        });
        assertThat(second.getHasMore()).isFalse();
        assertThat(second.getNextFromSequence()).isEqualTo(3);
        assertThat(history(3, 0).getEventsList()).as("caught up").isEmpty();

        StatusRuntimeException beyond = assertRpcError(() -> history(4, 0), Status.Code.INVALID_ARGUMENT,
                "INVALID_ARGUMENT");
        assertThat(beyond.getStatus().getDescription()).startsWith("from_sequence: 4 is beyond the wallet's next event, 3");
        assertRpcError(() -> history(0, 65), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertRpcError(() -> history(-1, 0), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    }

    @Test
    void historySaysHowManyOfTheEventsAskedForWereDropped() {
        PublicKey session = driver.open(7, node.clockMs() + 10 * MINUTE, SessionDriver.unlimited());
        for (int i = 0; i < 70; i++) {
            driver.submit(driver.sessionKey, driver.use(session, i + 1));
        }
        while (node.mempool.size() > 0) {
            node.produceBlock(); // a block takes as many uses of one session as its account compute limit allows
        }

        GetSessionHistoryResponse oldest = history(0, 0);
        assertThat(oldest.getNextSequence()).isEqualTo(71);
        assertThat(oldest.getFirstSequence()).isEqualTo(7);
        assertThat(oldest.getDropped()).isEqualTo(7);
        assertThat(oldest.getEventsCount()).isEqualTo(64);
        assertThat(oldest.getEvents(0).getSequence()).isEqualTo(7);
        assertThat(oldest.getHasMore()).isFalse();
        GetSessionHistoryResponse kept = history(10, 5);
        assertThat(kept.getDropped()).isZero();
        assertThat(kept.getEventsList()).extracting(SessionEvent::getSequence).containsExactly(10L, 11L, 12L, 13L,
                14L);
        assertThat(kept.getHasMore()).isTrue();
    }

    @Test
    void aWalletWithoutSessionsHasNoneAndAnEmptyHistory() {
        ListSessionsResponse none = list(node.bob.publicKey().toBase58());
        assertThat(none.getSessionsList()).isEmpty();
        assertThat(none.getHeight()).isEqualTo(node.ledger.finalizedHeight());
        GetSessionHistoryResponse empty = sessions.getSessionHistory(GetSessionHistoryRequest.newBuilder()
                .setOwner(node.bob.publicKey().toBase58()).build());
        assertThat(empty.getEventsList()).isEmpty();
        assertThat(empty.getNextSequence()).isZero();
        assertThat(empty.getHasMore()).isFalse();
    }

    @Test
    void addressesThatHoldNoSessionAreNotFoundAndMalformedOnesInvalid() {
        driver.open(8, node.clockMs() + 10 * MINUTE, SessionDriver.unlimited());
        for (PublicKey notASession : List.of(node.bob.publicKey(), SessionProgram.ownerBook(node.alice.publicKey()),
                SessionProgram.EXPIRY_CURSOR, SessionProgram.sessionAddress(node.alice.publicKey(), 99))) {
            StatusRuntimeException error = assertRpcError(() -> sessions.getSession(GetSessionRequest.newBuilder()
                    .setAddress(notASession.toBase58()).build()), Status.Code.NOT_FOUND,
                    SessionGrpcService.SESSION_NOT_FOUND);
            assertThat(error.getStatus().getDescription()).startsWith("SESSION_NOT_FOUND: no session at "
                    + notASession);
        }
        StatusRuntimeException empty = assertRpcError(() -> sessions.getSession(GetSessionRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(empty.getStatus().getDescription()).startsWith("address: ");
        StatusRuntimeException owner = assertRpcError(() -> list("not-base58!"), Status.Code.INVALID_ARGUMENT,
                "INVALID_ARGUMENT");
        assertThat(owner.getStatus().getDescription()).startsWith("owner: ");
        assertRpcError(() -> sessions.getSessionHistory(GetSessionHistoryRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    }

    @Test
    void aChainWithoutTheSessionProgramSaysSo() throws Exception {
        try (TestNode plain = new TestNode(dir.resolve("plain"), TestNode.Options.defaults())) {
            SessionServiceGrpc.SessionServiceBlockingStub stub = SessionServiceGrpc.newBlockingStub(plain.channel);
            String alice = plain.alice.publicKey().toBase58();
            StatusRuntimeException error = assertRpcError(() -> stub.listSessions(ListSessionsRequest.newBuilder()
                    .setOwner(alice).build()), Status.Code.FAILED_PRECONDITION, SessionGrpcService.SESSIONS_NOT_ENABLED);
            assertThat(error.getStatus().getDescription()).contains("does not run the session program");
            assertRpcError(() -> stub.getSession(GetSessionRequest.newBuilder().setAddress(alice).build()),
                    Status.Code.FAILED_PRECONDITION, SessionGrpcService.SESSIONS_NOT_ENABLED);
            assertRpcError(() -> stub.getSessionHistory(GetSessionHistoryRequest.newBuilder().setOwner(alice)
                    .build()), Status.Code.FAILED_PRECONDITION, SessionGrpcService.SESSIONS_NOT_ENABLED);
        }
    }
}
