package network.mira.node.cli;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.AbstractStub;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.rpc.v1.AccountServiceGrpc;
import network.mira.rpc.v1.Block;
import network.mira.rpc.v1.ChainServiceGrpc;
import network.mira.rpc.v1.Commitment;
import network.mira.rpc.v1.FaucetServiceGrpc;
import network.mira.rpc.v1.GetAccountRequest;
import network.mira.rpc.v1.GetAccountResponse;
import network.mira.rpc.v1.GetBalanceRequest;
import network.mira.rpc.v1.GetBalanceResponse;
import network.mira.rpc.v1.GetBlockRequest;
import network.mira.rpc.v1.GetLatestBlockhashRequest;
import network.mira.rpc.v1.GetLatestBlockhashResponse;
import network.mira.rpc.v1.GetNodeStatusRequest;
import network.mira.rpc.v1.GetTransactionRequest;
import network.mira.rpc.v1.GetTransactionResponse;
import network.mira.rpc.v1.GetValidatorSetRequest;
import network.mira.rpc.v1.GetValidatorSetResponse;
import network.mira.rpc.v1.NodeServiceGrpc;
import network.mira.rpc.v1.NodeStatus;
import network.mira.rpc.v1.RequestAirdropRequest;
import network.mira.rpc.v1.SubmitTransactionRequest;
import network.mira.rpc.v1.TransactionServiceGrpc;

/**
 * One plaintext gRPC channel to a node for the life of a command, with a deadline on every call.
 * Every failure comes out as a {@link CliException}: a refusal as {@code <REASON>: <message>}
 * (exit code 1), an unreachable or silent node as "cannot reach node at host:port" (exit code 3).
 */
public final class RpcClient implements AutoCloseable {
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);

    private final HostPort endpoint;
    private final Duration deadline;
    private final ManagedChannel channel;

    public RpcClient(HostPort endpoint, Duration deadline) {
        this.endpoint = endpoint;
        this.deadline = deadline;
        this.channel = ManagedChannelBuilder.forAddress(endpoint.host(), endpoint.port())
                .usePlaintext()
                .userAgent("mira-cli")
                .build();
    }

    public static RpcClient connect(HostPort endpoint) {
        return new RpcClient(endpoint, DEFAULT_DEADLINE);
    }

    public HostPort endpoint() {
        return endpoint;
    }

    public NodeStatus nodeStatus() {
        return call(() -> withDeadline(NodeServiceGrpc.newBlockingStub(channel))
                .getNodeStatus(GetNodeStatusRequest.getDefaultInstance()));
    }

    public GetLatestBlockhashResponse latestBlockhash(Commitment commitment) {
        return call(() -> withDeadline(ChainServiceGrpc.newBlockingStub(channel)).getLatestBlockhash(
                GetLatestBlockhashRequest.newBuilder().setCommitment(commitment).build()));
    }

    public Block block(long height) {
        return call(() -> withDeadline(ChainServiceGrpc.newBlockingStub(channel))
                .getBlock(GetBlockRequest.newBuilder().setHeight(height).build()));
    }

    public GetValidatorSetResponse validatorSet(long height) {
        return call(() -> withDeadline(ChainServiceGrpc.newBlockingStub(channel))
                .getValidatorSet(GetValidatorSetRequest.newBuilder().setHeight(height).build()));
    }

    /** @return the transaction's signature as the node reports it */
    public String submitTransaction(byte[] wireBytes) {
        return call(() -> withDeadline(TransactionServiceGrpc.newBlockingStub(channel))
                .submitTransaction(SubmitTransactionRequest.newBuilder()
                        .setTransaction(ByteString.copyFrom(wireBytes)).build())
                .getSignature());
    }

    public GetTransactionResponse transaction(Signature signature) {
        return call(() -> withDeadline(TransactionServiceGrpc.newBlockingStub(channel))
                .getTransaction(GetTransactionRequest.newBuilder().setSignature(signature.toBase58()).build()));
    }

    public GetBalanceResponse balance(PublicKey address, Commitment commitment) {
        return call(() -> withDeadline(AccountServiceGrpc.newBlockingStub(channel))
                .getBalance(GetBalanceRequest.newBuilder().setAddress(address.toBase58())
                        .setCommitment(commitment).build()));
    }

    public GetAccountResponse account(PublicKey address, Commitment commitment) {
        return call(() -> withDeadline(AccountServiceGrpc.newBlockingStub(channel))
                .getAccount(GetAccountRequest.newBuilder().setAddress(address.toBase58())
                        .setCommitment(commitment).build()));
    }

    /** @return the signature of the faucet's transfer */
    public String requestAirdrop(PublicKey address, long lamports) {
        return call(() -> withDeadline(FaucetServiceGrpc.newBlockingStub(channel))
                .requestAirdrop(RequestAirdropRequest.newBuilder().setAddress(address.toBase58())
                        .setLamports(lamports).build())
                .getSignature());
    }

    /** Every call gets its own deadline, counted from when it starts. */
    private <S extends AbstractStub<S>> S withDeadline(S stub) {
        return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            throw translate(e, endpoint);
        }
    }

    /** The CLI's view of a gRPC error; public so that other commands talking to a node share it. */
    public static CliException translate(StatusRuntimeException error, HostPort endpoint) {
        Status status = error.getStatus();
        Optional<ErrorInfo> info = errorInfo(error);
        String description = Optional.ofNullable(status.getDescription()).orElse("");
        if (info.isPresent() && !info.get().getReason().isEmpty()) {
            String reason = info.get().getReason();
            // Refusal descriptions already start with "<REASON>: "; do not say it twice.
            String message = description.startsWith(reason + ": ") ? description.substring(reason.length() + 2)
                    : description;
            return new CliException(ExitCodes.FAILURE, message.isEmpty() ? reason : reason + ": " + message, error);
        }
        switch (status.getCode()) {
            case UNAVAILABLE:
                return new CliException(ExitCodes.UNREACHABLE, "cannot reach node at " + endpoint
                        + (description.isEmpty() ? "" : " (" + causeText(description, status) + ")"), error);
            case DEADLINE_EXCEEDED:
                return new CliException(ExitCodes.UNREACHABLE, "cannot reach node at " + endpoint
                        + " (no answer within the deadline: " + description + ")", error);
            case UNIMPLEMENTED:
                return new CliException(ExitCodes.FAILURE, "UNIMPLEMENTED: the node at " + endpoint
                        + " does not offer this call" + (description.isEmpty() ? "" : " (" + description + ")"),
                        error);
            default:
                return new CliException(ExitCodes.FAILURE, status.getCode().name()
                        + (description.isEmpty() ? "" : ": " + description), error);
        }
    }

    private static String causeText(String description, Status status) {
        Throwable cause = status.getCause();
        if (cause != null && cause.getMessage() != null && !description.contains(cause.getMessage())) {
            return description + ": " + cause.getMessage();
        }
        return description;
    }

    private static Optional<ErrorInfo> errorInfo(StatusRuntimeException error) {
        com.google.rpc.Status rich = StatusProto.fromThrowable(error);
        if (rich == null) {
            return Optional.empty();
        }
        for (Any detail : rich.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                try {
                    return Optional.of(detail.unpack(ErrorInfo.class));
                } catch (InvalidProtocolBufferException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
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
