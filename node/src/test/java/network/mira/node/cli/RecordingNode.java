package network.mira.node.cli;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import network.mira.core.crypto.Hash;
import network.mira.core.tx.Transaction;
import network.mira.core.tx.WireFormatException;
import network.mira.rpc.v1.ChainServiceGrpc;
import network.mira.rpc.v1.Commitment;
import network.mira.rpc.v1.GetLatestBlockhashRequest;
import network.mira.rpc.v1.GetLatestBlockhashResponse;
import network.mira.rpc.v1.GetTransactionRequest;
import network.mira.rpc.v1.GetTransactionResponse;
import network.mira.rpc.v1.SubmitTransactionRequest;
import network.mira.rpc.v1.SubmitTransactionResponse;
import network.mira.rpc.v1.TransactionError;
import network.mira.rpc.v1.TransactionServiceGrpc;
import network.mira.rpc.v1.TransactionState;

/**
 * A gRPC server that speaks just enough of mira.v1 for the submitting commands: a fixed latest
 * blockhash, every transaction admitted and recorded, and every GetTransaction answered with the
 * outcome the test chose (by default SUCCEEDED at FINALIZED). It checks nothing a chain would, so
 * tests can read exactly what a command signed and sent.
 */
final class RecordingNode implements AutoCloseable {
    static final Hash BLOCKHASH = Hash.sha256(new byte[] {7});

    private final List<Transaction> submitted = new CopyOnWriteArrayList<>();
    private final AtomicReference<TransactionError> failure = new AtomicReference<>();
    private final Server server;

    RecordingNode() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(new Chain())
                .addService(new Transactions())
                .build()
                .start();
    }

    String rpc() {
        return "127.0.0.1:" + server.getPort();
    }

    List<Transaction> submitted() {
        return List.copyOf(submitted);
    }

    /** From now on every transaction is reported FAILED with this error. */
    void failWith(String code, int instructionIndex, String message) {
        failure.set(TransactionError.newBuilder().setCode(code).setInstructionIndex(instructionIndex)
                .setMessage(message).build());
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private final class Chain extends ChainServiceGrpc.ChainServiceImplBase {
        @Override
        public void getLatestBlockhash(GetLatestBlockhashRequest request,
                                       StreamObserver<GetLatestBlockhashResponse> responses) {
            responses.onNext(GetLatestBlockhashResponse.newBuilder().setBlockhash(BLOCKHASH.toBase58())
                    .setHeight(1).setLastValidHeight(151).build());
            responses.onCompleted();
        }
    }

    private final class Transactions extends TransactionServiceGrpc.TransactionServiceImplBase {
        @Override
        public void submitTransaction(SubmitTransactionRequest request,
                                      StreamObserver<SubmitTransactionResponse> responses) {
            try {
                Transaction transaction = Transaction.decode(request.getTransaction().toByteArray());
                submitted.add(transaction);
                responses.onNext(SubmitTransactionResponse.newBuilder()
                        .setSignature(transaction.id().toBase58()).build());
                responses.onCompleted();
            } catch (WireFormatException e) {
                responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            }
        }

        @Override
        public void getTransaction(GetTransactionRequest request, StreamObserver<GetTransactionResponse> responses) {
            TransactionError error = failure.get();
            GetTransactionResponse.Builder answer = GetTransactionResponse.newBuilder()
                    .setSignature(request.getSignature()).setCommitment(Commitment.FINALIZED).setHeight(9)
                    .setFee(5_000).setBlockHash(BLOCKHASH.toBase58());
            if (error == null) {
                answer.setState(TransactionState.SUCCEEDED);
            } else {
                answer.setState(TransactionState.FAILED).setError(error);
            }
            responses.onNext(answer.build());
            responses.onCompleted();
        }
    }
}
