package network.mira.rpc.service;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.Optional;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.Commitment;
import network.mira.rpc.v1.GetSessionHistoryRequest;
import network.mira.rpc.v1.GetSessionHistoryResponse;
import network.mira.rpc.v1.GetSessionRequest;
import network.mira.rpc.v1.GetSessionResponse;
import network.mira.rpc.v1.ListSessionsRequest;
import network.mira.rpc.v1.ListSessionsResponse;
import network.mira.rpc.v1.SessionServiceGrpc;
import network.mira.sessions.program.OwnerBook;
import network.mira.sessions.program.SessionRecord;
import network.mira.settlement.ledger.Ledger;

/**
 * Read-only session queries over finalized state: a wallet's sessions with what remains of each, one
 * session, and a wallet's audit trail in pages. Each answer is one consistent read and says the
 * commitment (FINALIZED), the height and the head's block time that status and remaining time reflect.
 */
public final class SessionGrpcService extends SessionServiceGrpc.SessionServiceImplBase {
    /** ErrorInfo reason on a chain that does not run the session program. */
    public static final String SESSIONS_NOT_ENABLED = "SESSIONS_NOT_ENABLED";
    /** ErrorInfo reason for an address that holds no session. */
    public static final String SESSION_NOT_FOUND = "SESSION_NOT_FOUND";

    private final LedgerSessions sessions;
    private final boolean enabled;

    /** @param enabled whether this chain runs the session program (created with genesis parameters) */
    public SessionGrpcService(Ledger ledger, boolean enabled) {
        this.sessions = new LedgerSessions(ledger);
        this.enabled = enabled;
    }

    @Override
    public void listSessions(ListSessionsRequest request, StreamObserver<ListSessionsResponse> responses) {
        Responses.answer(responses, () -> {
            PublicKey owner = RequestFields.address("owner", request.getOwner());
            requireEnabled();
            LedgerSessions.Read<LedgerSessions.Wallet> read = sessions.wallet(owner);
            ListSessionsResponse.Builder out = ListSessionsResponse.newBuilder()
                    .setCommitment(Commitment.FINALIZED).setHeight(read.height()).setHeadTimeMs(read.headTimeMs());
            for (LedgerSessions.Stored stored : read.value().sessions()) {
                out.addSessions(SessionProtoMapper.session(stored.address(), stored.record(), read.headTimeMs()));
            }
            return out.build();
        });
    }

    @Override
    public void getSession(GetSessionRequest request, StreamObserver<GetSessionResponse> responses) {
        Responses.answer(responses, () -> {
            PublicKey address = RequestFields.address("address", request.getAddress());
            requireEnabled();
            LedgerSessions.Read<Optional<SessionRecord>> read = sessions.session(address);
            SessionRecord record = read.value().orElseThrow(() -> RpcErrors.notFound(SESSION_NOT_FOUND,
                    SESSION_NOT_FOUND + ": no session at " + address + " at height " + read.height()
                            + " (never created, pruned after it expired, or not a session account)"));
            return GetSessionResponse.newBuilder()
                    .setSession(SessionProtoMapper.session(address, record, read.headTimeMs()))
                    .setCommitment(Commitment.FINALIZED).setHeight(read.height()).setHeadTimeMs(read.headTimeMs())
                    .build();
        });
    }

    @Override
    public void getSessionHistory(GetSessionHistoryRequest request,
                                  StreamObserver<GetSessionHistoryResponse> responses) {
        Responses.answer(responses, () -> {
            PublicKey owner = RequestFields.address("owner", request.getOwner());
            long from = request.getFromSequence();
            if (from < 0) {
                throw RpcErrors.invalidArgument("from_sequence", Long.toUnsignedString(from)
                        + " is beyond any sequence");
            }
            int limit = request.getLimit() == 0 ? OwnerBook.MAX_EVENTS
                    : RequestFields.atMost("limit", request.getLimit(), OwnerBook.MAX_EVENTS);
            requireEnabled();
            LedgerSessions.Read<OwnerBook> read = sessions.book(owner);
            if (from > read.value().nextSequence()) {
                throw RpcErrors.invalidArgument("from_sequence", from + " is beyond the wallet's next event, "
                        + read.value().nextSequence() + ", at height " + read.height());
            }
            SessionHistoryPage page = SessionHistoryPage.of(read.value(), from, limit);
            GetSessionHistoryResponse.Builder out = GetSessionHistoryResponse.newBuilder()
                    .setFirstSequence(page.firstSequence()).setNextSequence(page.nextSequence())
                    .setDropped(page.dropped()).setHasMore(page.hasMore()).setNextFromSequence(page.nextFrom())
                    .setCommitment(Commitment.FINALIZED).setHeight(read.height());
            page.events().forEach(event -> out.addEvents(SessionProtoMapper.event(event)));
            return out.build();
        });
    }

    private void requireEnabled() {
        if (!enabled) {
            throw notEnabled();
        }
    }

    private static StatusRuntimeException notEnabled() {
        return RpcErrors.error(Status.Code.FAILED_PRECONDITION, SESSIONS_NOT_ENABLED, SESSIONS_NOT_ENABLED
                + ": this chain does not run the session program (its genesis has no parameters)", Map.of());
    }
}
