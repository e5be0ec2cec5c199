package network.mira.node.cli;

import java.time.Duration;
import java.util.function.Function;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.GetSessionHistoryRequest;
import network.mira.rpc.v1.GetSessionHistoryResponse;
import network.mira.rpc.v1.GetSessionRequest;
import network.mira.rpc.v1.GetSessionResponse;
import network.mira.rpc.v1.ListSessionsRequest;
import network.mira.rpc.v1.ListSessionsResponse;
import network.mira.rpc.v1.SessionServiceGrpc;

/**
 * The node's SessionService for the session commands: one channel per command, a deadline per call,
 * and every failure translated as {@link RpcClient#translate} does for the other commands.
 */
final class SessionClient implements AutoCloseable {
    private final CliChannel channel;

    SessionClient(HostPort endpoint, Duration deadline) {
        this.channel = new CliChannel(endpoint, deadline);
    }

    static SessionClient connect(HostPort endpoint) {
        return new SessionClient(endpoint, RpcClient.DEFAULT_DEADLINE);
    }

    ListSessionsResponse sessionsOf(PublicKey owner) {
        return call(stub -> stub.listSessions(ListSessionsRequest.newBuilder().setOwner(owner.toBase58()).build()));
    }

    GetSessionResponse session(PublicKey address) {
        return call(stub -> stub.getSession(GetSessionRequest.newBuilder().setAddress(address.toBase58()).build()));
    }

    /** @param limit 0 for the service's default (64) */
    GetSessionHistoryResponse history(PublicKey owner, long fromSequence, int limit) {
        return call(stub -> stub.getSessionHistory(GetSessionHistoryRequest.newBuilder().setOwner(owner.toBase58())
                .setFromSequence(fromSequence).setLimit(limit).build()));
    }

    private <T> T call(Function<SessionServiceGrpc.SessionServiceBlockingStub, T> call) {
        return channel.call(SessionServiceGrpc::newBlockingStub, call);
    }

    @Override
    public void close() {
        channel.close();
    }
}
