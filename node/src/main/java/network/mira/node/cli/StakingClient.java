package network.mira.node.cli;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.FinalizedSlashingEvent;
import network.mira.rpc.v1.ListRewardsRequest;
import network.mira.rpc.v1.ListRewardsResponse;
import network.mira.rpc.v1.ListSlashingEventsRequest;
import network.mira.rpc.v1.ListSlashingEventsResponse;
import network.mira.rpc.v1.ListStakeAccountsRequest;
import network.mira.rpc.v1.ListStakeAccountsResponse;
import network.mira.rpc.v1.ListValidatorsRequest;
import network.mira.rpc.v1.ListValidatorsResponse;
import network.mira.rpc.v1.StakingServiceGrpc;
import network.mira.rpc.v1.StreamSlashingEventsRequest;

/**
 * The node's StakingService for the reading commands: one channel per command, a deadline per call,
 * and every failure translated as {@link RpcClient#translate} does for the other commands.
 */
final class StakingClient implements AutoCloseable {
    private final HostPort endpoint;
    private final Duration deadline;
    private final ManagedChannel channel;

    StakingClient(HostPort endpoint, Duration deadline) {
        this.endpoint = endpoint;
        this.deadline = deadline;
        this.channel = ManagedChannelBuilder.forAddress(endpoint.host(), endpoint.port())
                .usePlaintext()
                .userAgent("mira-cli")
                .build();
    }

    static StakingClient connect(HostPort endpoint) {
        return new StakingClient(endpoint, RpcClient.DEFAULT_DEADLINE);
    }

    ListValidatorsResponse validators() {
        return call(stub -> stub.listValidators(ListValidatorsRequest.getDefaultInstance()));
    }

    /** @param validator null for every validator's events */
    ListSlashingEventsResponse slashingEvents(PublicKey validator) {
        ListSlashingEventsRequest.Builder request = ListSlashingEventsRequest.newBuilder();
        if (validator != null) {
            request.setValidator(validator.toBase58());
        }
        return call(stub -> stub.listSlashingEvents(request.build()));
    }

    /**
     * Calls {@code onEvent} with each slashing event as its block finalizes, until the node ends the
     * stream (returns) or fails it (throws). No deadline: a follower waits as long as it is left running.
     */
    void followSlashingEvents(Consumer<FinalizedSlashingEvent> onEvent) {
        try {
            StakingServiceGrpc.newBlockingStub(channel)
                    .streamSlashingEvents(StreamSlashingEventsRequest.getDefaultInstance())
                    .forEachRemaining(onEvent);
        } catch (StatusRuntimeException e) {
            throw RpcClient.translate(e, endpoint);
        }
    }

    ListRewardsResponse rewards(long epoch) {
        return call(stub -> stub.listRewards(ListRewardsRequest.newBuilder().setEpoch(epoch).build()));
    }

    ListStakeAccountsResponse stakeAccount(PublicKey address) {
        return call(stub -> stub.listStakeAccounts(ListStakeAccountsRequest.newBuilder()
                .setAddress(address.toBase58()).build()));
    }

    private <T> T call(Function<StakingServiceGrpc.StakingServiceBlockingStub, T> call) {
        try {
            return call.apply(StakingServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (StatusRuntimeException e) {
            throw RpcClient.translate(e, endpoint);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
