package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.KeypairFile;
import network.mira.core.tx.Transaction;
import network.mira.core.tx.WireFormatException;
import network.mira.rpc.v1.ChainServiceGrpc;
import network.mira.rpc.v1.FaucetServiceGrpc;
import network.mira.rpc.v1.GetLatestBlockhashRequest;
import network.mira.rpc.v1.GetLatestBlockhashResponse;
import network.mira.rpc.v1.GetTransactionRequest;
import network.mira.rpc.v1.GetTransactionResponse;
import network.mira.rpc.v1.RequestAirdropRequest;
import network.mira.rpc.v1.RequestAirdropResponse;
import network.mira.rpc.v1.SubmitTransactionRequest;
import network.mira.rpc.v1.SubmitTransactionResponse;
import network.mira.rpc.v1.TransactionServiceGrpc;
import network.mira.rpc.v1.TransactionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a gRPC server that speaks the mira.v1 protocol but whose chain never moves:
 * it admits every transaction and leaves it PENDING. That makes the wait-timeout path (exit code 4)
 * and errors without an ErrorInfo detail reproducible, which a live node cannot guarantee.
 */
class StalledNodeTest {
    @TempDir
    Path dir;

    private Server server;

    @BeforeEach
    void startServer() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(new StalledChain())
                .addService(new StalledTransactions())
                .addService(new BrokenFaucet())
                .build()
                .start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private CliRunner.Result mira(String... arguments) {
        String[] all = new String[arguments.length + 2];
        all[0] = "--rpc";
        all[1] = "127.0.0.1:" + server.getPort();
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return new CliRunner().run(all);
    }

    @Test
    void transferThatNeverFinalizesTimesOutWithExitCodeFour() throws Exception {
        Path from = dir.resolve("from.json");
        KeyPair key = KeyPair.generate(new SecureRandom());
        KeypairFile.write(from, key);

        CliRunner.Result result = mira("transfer", "--from", from.toString(), "--to", key.publicKey().toBase58(),
                "--amount", "1", "--timeout-ms", "300", "--json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.TIMEOUT);
        JsonNode json = result.json();
        assertThat(json.get("status").asText()).isEqualTo("PENDING");
        assertThat(json.get("commitment").isNull()).isTrue();
        assertThat(json.get("height").isNull()).isTrue();
        assertThat(result.stderr()).startsWith("error: timed out after 300 ms waiting for transaction "
                + json.get("signature").asText() + " to be finalized");
    }

    @Test
    void noWaitReturnsRightAfterAdmission() throws Exception {
        Path from = dir.resolve("from.json");
        KeyPair key = KeyPair.generate(new SecureRandom());
        KeypairFile.write(from, key);

        CliRunner.Result result = mira("transfer", "--from", from.toString(), "--to", key.publicKey().toBase58(),
                "--amount", "1", "--no-wait", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(Files.exists(from)).isTrue();
    }

    @Test
    void refusalReasonComesFromErrorInfo() {
        CliRunner.Result result = mira("airdrop", "11111111111111111111111111111111", "5");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stderr()).isEqualTo("error: RATE_LIMITED: try again in 1000 ms" + System.lineSeparator());
    }

    @Test
    void errorWithoutErrorInfoShowsTheStatusCode() {
        CliRunner.Result result = mira("status");
        // The stalled server offers no NodeService at all.
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stderr()).startsWith("error: UNIMPLEMENTED: ");
    }

    private static final class StalledChain extends ChainServiceGrpc.ChainServiceImplBase {
        @Override
        public void getLatestBlockhash(GetLatestBlockhashRequest request,
                                       StreamObserver<GetLatestBlockhashResponse> responses) {
            responses.onNext(GetLatestBlockhashResponse.newBuilder()
                    .setBlockhash(Hash.sha256(new byte[] {1}).toBase58()).setHeight(1).setLastValidHeight(151).build());
            responses.onCompleted();
        }
    }

    private static final class StalledTransactions extends TransactionServiceGrpc.TransactionServiceImplBase {
        @Override
        public void submitTransaction(SubmitTransactionRequest request,
                                      StreamObserver<SubmitTransactionResponse> responses) {
            try {
                Transaction transaction = Transaction.decode(request.getTransaction().toByteArray());
                responses.onNext(SubmitTransactionResponse.newBuilder()
                        .setSignature(transaction.id().toBase58()).build());
                responses.onCompleted();
            } catch (WireFormatException e) {
                responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            }
        }

        @Override
        public void getTransaction(GetTransactionRequest request, StreamObserver<GetTransactionResponse> responses) {
            responses.onNext(GetTransactionResponse.newBuilder().setSignature(request.getSignature())
                    .setState(TransactionState.PENDING).build());
            responses.onCompleted();
        }
    }

    private static final class BrokenFaucet extends FaucetServiceGrpc.FaucetServiceImplBase {
        @Override
        public void requestAirdrop(RequestAirdropRequest request, StreamObserver<RequestAirdropResponse> responses) {
            com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                    .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
                    .setMessage("RATE_LIMITED: try again in 1000 ms")
                    .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("RATE_LIMITED")
                            .setDomain("mira.network").build()))
                    .build();
            responses.onError(StatusProto.toStatusRuntimeException(status));
        }
    }
}
