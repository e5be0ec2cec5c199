package network.mira.node.cli;

import java.time.Duration;
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
    private final CliChannel channel;

    StakingClient(HostPort endpoint, Duration deadline) {
        this.channel = new CliChannel(endpoint, deadline);
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
        channel.withoutDeadline(StakingServiceGrpc::newBlockingStub, stub -> {
            stub.streamSlashingEvents(StreamSlashingEventsRequest.getDefaultInstance()).forEachRemaining(onEvent);
            return null;
        });
    }

    ListRewardsResponse rewards(long epoch) {
        return call(stub -> stub.listRewards(ListRewardsRequest.newBuilder().setEpoch(epoch).build()));
    }

    ListStakeAccountsResponse stakeAccount(PublicKey address) {
        return call(stub -> stub.listStakeAccounts(ListStakeAccountsRequest.newBuilder()
                .setAddress(address.toBase58()).build()));
    }

    private <T> T call(Function<StakingServiceGrpc.StakingServiceBlockingStub, T> call) {
        return channel.call(StakingServiceGrpc::newBlockingStub, call);
    }

    @Override
    public void close() {
        channel.close();
    }
}
