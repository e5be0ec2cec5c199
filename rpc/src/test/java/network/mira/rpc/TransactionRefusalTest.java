package network.mira.rpc;

import static network.mira.rpc.RpcAssertions.assertRpcError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.AccountMeta;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.Transaction;
import network.mira.rpc.v1.GetTransactionRequest;
import network.mira.rpc.v1.SubmitTransactionRequest;
import network.mira.rpc.v1.TransactionServiceGrpc;
import network.mira.rpc.v1.TransactionState;
import network.mira.settlement.mempool.RefusalReason;
import network.mira.svm.program.system.SystemProgram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every admission refusal, sent over gRPC: the right code and reason, and nothing changes. */
class TransactionRefusalTest {
    @TempDir
    Path dir;
    private TestNode node;
    private TransactionServiceGrpc.TransactionServiceBlockingStub transactions;

    private void start(TestNode.Options options) throws Exception {
        node = new TestNode(dir, options);
        transactions = TransactionServiceGrpc.newBlockingStub(node.channel);
    }

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void undecodableBytes() throws Exception {
        start(TestNode.Options.defaults());
        assertRefused(new byte[] {1, 2, 3}, Status.Code.INVALID_ARGUMENT, RefusalReason.UNDECODABLE);
    }

    @Test
    void emptyBytesAreUndecodable() throws Exception {
        start(TestNode.Options.defaults());
        assertRefused(new byte[0], Status.Code.INVALID_ARGUMENT, RefusalReason.UNDECODABLE);
    }

    @Test
    void oversizeBytes() throws Exception {
        start(TestNode.Options.defaults());
        assertRefused(new byte[Transaction.MAX_SIZE + 1], Status.Code.INVALID_ARGUMENT, RefusalReason.OVERSIZE);
    }

    @Test
    void missingSignature() throws Exception {
        start(TestNode.Options.defaults());
        byte[] bytes = node.transfer(node.alice, node.bob.publicKey(), 1_000).serialize();
        // One signature: byte 0 is the count, bytes 1..64 the fee payer's signature.
        java.util.Arrays.fill(bytes, 1, 65, (byte) 0);
        assertRefused(bytes, Status.Code.INVALID_ARGUMENT, RefusalReason.MISSING_SIGNATURE);
    }

    @Test
    void badSignature() throws Exception {
        start(TestNode.Options.defaults());
        byte[] bytes = node.transfer(node.alice, node.bob.publicKey(), 1_000).serialize();
        bytes[10] ^= 0x01;
        assertRefused(bytes, Status.Code.INVALID_ARGUMENT, RefusalReason.BAD_SIGNATURE);
    }

    @Test
    void blockhashNotFound() throws Exception {
        start(TestNode.Options.defaults());
        Transaction transaction = TestNode.sign(node.alice,
                List.of(SystemProgram.transfer(node.alice.publicKey(), node.bob.publicKey(), 1_000)),
                Hash.sha256("not a block".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertRefused(transaction.serialize(), Status.Code.FAILED_PRECONDITION, RefusalReason.BLOCKHASH_NOT_FOUND);
    }

    @Test
    void blockhashExpired() throws Exception {
        start(TestNode.Options.defaults().withBlockhashMaxAge(2));
        Transaction stale = node.transfer(node.alice, node.bob.publicKey(), 1_000);
        node.produceBlocks(3);
        assertRefused(stale.serialize(), Status.Code.FAILED_PRECONDITION, RefusalReason.BLOCKHASH_EXPIRED);
    }

    @Test
    void duplicateOfATransactionInTheMempool() throws Exception {
        start(TestNode.Options.defaults());
        byte[] bytes = node.transfer(node.alice, node.bob.publicKey(), 1_000).serialize();
        transactions.submitTransaction(request(bytes));
        assertRefused(bytes, Status.Code.ALREADY_EXISTS, RefusalReason.DUPLICATE);
        assertThat(node.mempool.size()).isEqualTo(1);
    }

    @Test
    void duplicateOfAFinalizedTransaction() throws Exception {
        start(TestNode.Options.defaults());
        byte[] bytes = node.transfer(node.alice, node.bob.publicKey(), 1_000).serialize();
        transactions.submitTransaction(request(bytes));
        node.produceBlock();
        assertThat(node.lamports(node.bob)).isEqualTo(1_000);
        assertRefused(bytes, Status.Code.ALREADY_EXISTS, RefusalReason.DUPLICATE);
        node.produceBlock();
        assertThat(node.lamports(node.bob)).as("paid once").isEqualTo(1_000);
    }

    @Test
    void insufficientFundsForFee() throws Exception {
        start(TestNode.Options.defaults());
        KeyPair unfunded = KeyPair.generate(new java.security.SecureRandom());
        byte[] bytes = node.transfer(unfunded, node.bob.publicKey(), 1).serialize();
        assertRefused(bytes, Status.Code.FAILED_PRECONDITION, RefusalReason.INSUFFICIENT_FUNDS_FOR_FEE);
    }

    @Test
    void invalidFeePayer() throws Exception {
        start(TestNode.Options.defaults());
        byte[] bytes = node.transfer(node.programOwned, node.bob.publicKey(), 1).serialize();
        assertRefused(bytes, Status.Code.INVALID_ARGUMENT, RefusalReason.INVALID_FEE_PAYER);
    }

    @Test
    void unknownProgram() throws Exception {
        start(TestNode.Options.defaults());
        PublicKey nowhere = PublicKey.wrap(Hash.sha256(new byte[] {42}).bytes());
        Instruction call = new Instruction(nowhere, List.of(AccountMeta.writable(node.alice.publicKey(), true)),
                new byte[] {1});
        byte[] bytes = TestNode.sign(node.alice, List.of(call), node.headHash()).serialize();
        assertRefused(bytes, Status.Code.INVALID_ARGUMENT, RefusalReason.UNKNOWN_PROGRAM);
    }

    @Test
    void malformedInstructionData() throws Exception {
        start(TestNode.Options.defaults());
        Instruction garbled = new Instruction(SystemProgram.ID, List.of(
                AccountMeta.writable(node.alice.publicKey(), true), AccountMeta.writable(node.bob.publicKey(), false)),
                new byte[] {99, 0, 0, 0});
        byte[] bytes = TestNode.sign(node.alice, List.of(garbled), node.headHash()).serialize();
        assertRefused(bytes, Status.Code.INVALID_ARGUMENT, RefusalReason.MALFORMED_INSTRUCTION_DATA);
    }

    @Test
    void mempoolFull() throws Exception {
        start(TestNode.Options.defaults().withMempoolCapacity(1));
        transactions.submitTransaction(request(node.transfer(node.alice, node.bob.publicKey(), 1_000).serialize()));
        byte[] second = node.transfer(node.alice, node.bob.publicKey(), 2_000).serialize();
        assertRefused(second, Status.Code.RESOURCE_EXHAUSTED, RefusalReason.MEMPOOL_FULL);
    }

    /** Refused with the reason, and neither the chain, the mempool nor any balance changed. */
    private void assertRefused(byte[] bytes, Status.Code code, RefusalReason reason) {
        ChainState before = ChainState.of(node);
        StatusRuntimeException error = assertRpcError(() -> transactions.submitTransaction(request(bytes)), code,
                reason.name());
        assertThat(error.getStatus().getDescription()).startsWith(reason.name() + ": ").hasSizeGreaterThan(
                reason.name().length() + 2);
        assertThat(ChainState.of(node)).isEqualTo(before);
        if (reason != RefusalReason.DUPLICATE) {
            decodableId(bytes).ifPresent(id -> assertThat(transactions.getTransaction(
                    GetTransactionRequest.newBuilder().setSignature(id).build()).getState())
                    .as("a refused transaction is not remembered").isEqualTo(TransactionState.UNKNOWN));
        }
    }

    private static java.util.Optional<String> decodableId(byte[] bytes) {
        try {
            return java.util.Optional.of(Transaction.decode(bytes).id().toBase58());
        } catch (network.mira.core.tx.WireFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static SubmitTransactionRequest request(byte[] bytes) {
        return SubmitTransactionRequest.newBuilder().setTransaction(ByteString.copyFrom(bytes)).build();
    }
}
