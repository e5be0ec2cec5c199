package network.mira.rpc;

import static network.mira.rpc.RpcAssertions.assertRpcError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import network.mira.core.tx.Transaction;
import network.mira.rpc.service.TransactionGrpcService;
import network.mira.rpc.v1.SubmitResult;
import network.mira.rpc.v1.SubmitTransactionsRequest;
import network.mira.rpc.v1.SubmitTransactionsResponse;
import network.mira.rpc.v1.TransactionServiceGrpc;
import network.mira.settlement.mempool.RefusalReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SubmitTransactions: one answer per transaction, in order; a refusal leaves the others alone. */
class BatchSubmissionTest {
    @TempDir
    Path dir;
    private TestNode node;
    private TransactionServiceGrpc.TransactionServiceBlockingStub transactions;

    @BeforeEach
    void start() throws Exception {
        node = new TestNode(dir, TestNode.Options.defaults());
        transactions = TransactionServiceGrpc.newBlockingStub(node.channel);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void admitsEachTransactionOnItsOwnAndAnswersInOrder() throws Exception {
        Transaction first = node.transfer(node.alice, node.bob.publicKey(), 1_000);
        Transaction second = node.transfer(node.alice, node.bob.publicKey(), 2_000);
        byte[] forged = node.transfer(node.alice, node.bob.publicKey(), 3_000).serialize();
        forged[10] ^= 0x01;

        SubmitTransactionsResponse answer = transactions.submitTransactions(batch(List.of(
                first.serialize(), forged, second.serialize(), first.serialize())));

        List<SubmitResult> results = answer.getResultsList();
        assertThat(results).hasSize(4);
        assertThat(results.get(0).getSignature()).isEqualTo(first.id().toBase58());
        assertThat(results.get(0).getReason()).isEmpty();
        assertThat(results.get(1).getSignature()).isEmpty();
        assertThat(results.get(1).getReason()).isEqualTo(RefusalReason.BAD_SIGNATURE.name());
        assertThat(results.get(1).getMessage()).contains("does not verify");
        assertThat(results.get(2).getSignature()).isEqualTo(second.id().toBase58());
        assertThat(results.get(3).getReason()).isEqualTo(RefusalReason.DUPLICATE.name());
        assertThat(node.mempool.size()).isEqualTo(2);

        node.produceBlock();
        assertThat(node.lamports(node.bob)).as("both admitted transfers, the forged one never").isEqualTo(3_000);
    }

    @Test
    void refusesAnEmptyBatchAndChangesNothing() {
        assertRpcError(() -> transactions.submitTransactions(SubmitTransactionsRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(node.mempool.size()).isZero();
    }

    @Test
    void refusesABatchOverTheLimitWithoutAdmittingAnyOfIt() throws Exception {
        byte[] one = node.transfer(node.alice, node.bob.publicKey(), 1_000).serialize();
        List<byte[]> many = new ArrayList<>();
        for (int i = 0; i <= TransactionGrpcService.MAX_BATCH; i++) {
            many.add(one);
        }
        assertRpcError(() -> transactions.submitTransactions(batch(many)), Status.Code.INVALID_ARGUMENT,
                "INVALID_ARGUMENT");
        assertThat(node.mempool.size()).isZero();
    }

    private static SubmitTransactionsRequest batch(List<byte[]> transactions) {
        SubmitTransactionsRequest.Builder request = SubmitTransactionsRequest.newBuilder();
        transactions.forEach(bytes -> request.addTransactions(ByteString.copyFrom(bytes)));
        return request.build();
    }
}
