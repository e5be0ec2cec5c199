package network.mira.rpc;

import static network.mira.rpc.RpcAssertions.assertRpcError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.nio.file.Path;
import network.mira.core.crypto.KeyPair;
import network.mira.core.tx.Transaction;
import network.mira.rpc.v1.AccountServiceGrpc;
import network.mira.rpc.v1.Commitment;
import network.mira.rpc.v1.GetAccountRequest;
import network.mira.rpc.v1.GetAccountResponse;
import network.mira.rpc.v1.GetBalanceRequest;
import network.mira.rpc.v1.GetBalanceResponse;
import network.mira.rpc.v1.GetTransactionRequest;
import network.mira.rpc.v1.GetTransactionResponse;
import network.mira.rpc.v1.SubmitTransactionRequest;
import network.mira.rpc.v1.TransactionServiceGrpc;
import network.mira.rpc.v1.TransactionState;
import network.mira.svm.program.system.SystemProgram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submit, finalize, and read back over gRPC: transactions and the accounts they change. */
class TransactionFlowTest {
    @TempDir
    Path dir;
    private TestNode node;
    private TransactionServiceGrpc.TransactionServiceBlockingStub transactions;
    private AccountServiceGrpc.AccountServiceBlockingStub accounts;

    @BeforeEach
    void start() throws Exception {
        node = new TestNode(dir, TestNode.Options.defaults());
        transactions = TransactionServiceGrpc.newBlockingStub(node.channel);
        accounts = AccountServiceGrpc.newBlockingStub(node.channel);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void aTransferIsPendingThenFinalizedAndMovesLamports() {
        Transaction transfer = node.transfer(node.alice, node.bob.publicKey(), 1_000_000);
        String signature = submit(transfer);
        assertThat(signature).isEqualTo(transfer.id().toBase58());
        GetTransactionResponse pending = lookUp(signature);
        assertThat(pending.getState()).isEqualTo(TransactionState.PENDING);
        assertThat(pending.getCommitment()).isEqualTo(Commitment.COMMITMENT_UNSPECIFIED);

        long height = node.produceBlock();

        GetTransactionResponse done = lookUp(signature);
        assertThat(done.getState()).isEqualTo(TransactionState.SUCCEEDED);
        assertThat(done.getCommitment()).isEqualTo(Commitment.FINALIZED);
        assertThat(done.getHeight()).isEqualTo(height);
        assertThat(done.getIndex()).isZero();
        assertThat(done.getFee()).isEqualTo(TestNode.FEE);
        assertThat(done.getComputeUnitsConsumed()).as("one System instruction at 150 units").isEqualTo(150);
        assertThat(done.hasError()).isFalse();
        assertThat(done.getTransaction().toByteArray()).isEqualTo(transfer.serialize());
        assertThat(done.getBlockHash()).isEqualTo(node.ledger.block(height).orElseThrow().hash().toBase58());

        assertThat(balance(node.bob)).isEqualTo(1_000_000);
        assertThat(balance(node.alice)).isEqualTo(TestNode.ALICE_LAMPORTS - 1_000_000 - TestNode.FEE);
    }

    @Test
    void aTransferOfMoreThanTheBalanceFailsAndStillPaysItsFee() {
        String signature = submit(node.transfer(node.alice, node.bob.publicKey(), TestNode.ALICE_LAMPORTS));
        long height = node.produceBlock();

        GetTransactionResponse failed = lookUp(signature);
        assertThat(failed.getState()).isEqualTo(TransactionState.FAILED);
        assertThat(failed.getCommitment()).isEqualTo(Commitment.FINALIZED);
        assertThat(failed.getHeight()).isEqualTo(height);
        assertThat(failed.getFee()).isEqualTo(TestNode.FEE);
        assertThat(failed.getError().getCode()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(failed.getError().getInstructionIndex()).isZero();
        assertThat(failed.getError().getMessage()).isNotEmpty();
        assertThat(balance(node.alice)).isEqualTo(TestNode.ALICE_LAMPORTS - TestNode.FEE);
        assertThat(balance(node.bob)).isZero();
    }

    @Test
    void anUnknownSignatureIsUnknown() {
        String never = node.transfer(node.alice, node.bob.publicKey(), 5).id().toBase58();
        GetTransactionResponse answer = lookUp(never);
        assertThat(answer.getState()).isEqualTo(TransactionState.UNKNOWN);
        assertThat(answer.getSignature()).isEqualTo(never);
        assertThat(answer.getCommitment()).isEqualTo(Commitment.COMMITMENT_UNSPECIFIED);
    }

    @Test
    void aMalformedSignatureIsAnInvalidArgumentNamingTheField() {
        var error = assertRpcError(() -> lookUp("not-base58-0OIl"), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(error.getStatus().getDescription()).startsWith("signature: ");
        var empty = assertRpcError(() -> lookUp(""), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(empty.getStatus().getDescription()).startsWith("signature: ");
    }

    @Test
    void accountsAreReadFromFinalizedStateWithTheHeight() {
        submit(node.transfer(node.alice, node.bob.publicKey(), 1_000_000));
        long height = node.produceBlock();

        GetAccountResponse bob = accounts.getAccount(GetAccountRequest.newBuilder()
                .setAddress(node.bob.publicKey().toBase58()).setCommitment(Commitment.PROCESSED).build());
        assertThat(bob.getAddress()).isEqualTo(node.bob.publicKey().toBase58());
        assertThat(bob.getExists()).isTrue();
        assertThat(bob.getLamports()).isEqualTo(1_000_000);
        assertThat(bob.getOwner()).isEqualTo(SystemProgram.ID.toBase58());
        assertThat(bob.getData()).isEqualTo(ByteString.EMPTY);
        assertThat(bob.getExecutable()).isFalse();
        assertThat(bob.getCommitment()).isEqualTo(Commitment.FINALIZED);
        assertThat(bob.getHeight()).isEqualTo(height);

        GetBalanceResponse balance = accounts.getBalance(GetBalanceRequest.newBuilder()
                .setAddress(node.bob.publicKey().toBase58()).build());
        assertThat(balance.getLamports()).isEqualTo(1_000_000);
        assertThat(balance.getCommitment()).isEqualTo(Commitment.FINALIZED);
        assertThat(balance.getHeight()).isEqualTo(height);
    }

    @Test
    void aMissingAccountIsAnAnswerNotAnError() {
        KeyPair nobody = KeyPair.generate(new java.security.SecureRandom());
        GetAccountResponse account = accounts.getAccount(GetAccountRequest.newBuilder()
                .setAddress(nobody.publicKey().toBase58()).build());
        assertThat(account.getExists()).isFalse();
        assertThat(account.getLamports()).isZero();
        assertThat(account.getCommitment()).isEqualTo(Commitment.FINALIZED);
        assertThat(account.getHeight()).isZero();
        assertThat(balance(nobody)).isZero();
    }

    @Test
    void aMalformedAddressIsAnInvalidArgumentNamingTheField() {
        var account = assertRpcError(() -> accounts.getAccount(GetAccountRequest.newBuilder()
                .setAddress("abc").build()), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(account.getStatus().getDescription()).startsWith("address: ");
        var balance = assertRpcError(() -> accounts.getBalance(GetBalanceRequest.newBuilder()
                .setAddress("0OIl").build()), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(balance.getStatus().getDescription()).startsWith("address: ");
        assertThat(RpcAssertions.errorInfo(balance).getMetadataMap()).containsEntry("field", "address");
    }

    @Test
    void anUnknownCommitmentLevelIsAnInvalidArgument() {
        var error = assertRpcError(() -> accounts.getBalance(GetBalanceRequest.newBuilder()
                .setAddress(node.bob.publicKey().toBase58()).setCommitmentValue(99).build()),
                Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(error.getStatus().getDescription()).startsWith("commitment: ");
    }

    private String submit(Transaction transaction) {
        return transactions.submitTransaction(SubmitTransactionRequest.newBuilder()
                .setTransaction(ByteString.copyFrom(transaction.serialize())).build()).getSignature();
    }

    private GetTransactionResponse lookUp(String signature) {
        return transactions.getTransaction(GetTransactionRequest.newBuilder().setSignature(signature).build());
    }

    private long balance(KeyPair key) {
        return accounts.getBalance(GetBalanceRequest.newBuilder().setAddress(key.publicKey().toBase58()).build())
                .getLamports();
    }
}
