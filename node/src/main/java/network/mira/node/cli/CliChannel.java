package network.mira.node.cli;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One command's channel to the node: plaintext to the {@code --rpc} endpoint, a deadline per call,
 * and every failure translated as {@link RpcClient#translate} does. The service clients build their
 * stubs on it.
 */
final class CliChannel implements AutoCloseable {
    private final HostPort endpoint;
    private final Duration deadline;
    private final ManagedChannel channel;

    CliChannel(HostPort endpoint, Duration deadline) {
        this.endpoint = endpoint;
        this.deadline = deadline;
        this.channel = ManagedChannelBuilder.forAddress(endpoint.host(), endpoint.port())
                .usePlaintext()
                .userAgent("mira-cli")
                .build();
    }

    /** A unary call on a fresh stub with the deadline. */
    <S extends AbstractStub<S>, T> T call(Function<Channel, S> newStub, Function<S, T> call) {
        return withoutDeadline(newStub, stub -> call.apply(stub.withDeadlineAfter(deadline.toMillis(),
                TimeUnit.MILLISECONDS)));
    }

    /** A call without deadline (a stream followed for as long as the command runs). */
    <S extends AbstractStub<S>, T> T withoutDeadline(Function<Channel, S> newStub, Function<S, T> call) {
        try {
            return call.apply(newStub.apply(channel));
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
