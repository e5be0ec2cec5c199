package network.mira.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.Transaction;
import network.mira.rpc.v1.GetTransactionRequest;
import network.mira.rpc.v1.GetTransactionResponse;
import network.mira.rpc.v1.SubmitTransactionRequest;
import network.mira.rpc.v1.TransactionServiceGrpc;
import network.mira.rpc.v1.TransactionState;
import network.mira.sessions.program.ExpiryBucket;
import network.mira.sessions.program.SessionProgram;
import network.mira.sessions.scope.ProgramScope;
import network.mira.sessions.scope.SessionScope;
import network.mira.svm.program.system.SystemProgram;

/**
 * Drives sessions on a {@link TestNode} that runs the session program: alice grants sessions to one
 * session key (funded for its fees), which pays bob through them; one transaction per block, submitted
 * over gRPC.
 */
final class SessionDriver {
    static final long MINUTE = 60_000;

    final TestNode node;
    final KeyPair sessionKey = KeyPair.generate(new SecureRandom());
    private final TransactionServiceGrpc.TransactionServiceBlockingStub transactions;

    SessionDriver(TestNode node) {
        this.node = node;
        this.transactions = TransactionServiceGrpc.newBlockingStub(node.channel);
        assertThat(run(node.alice, SystemProgram.transfer(node.alice.publicKey(), sessionKey.publicKey(),
                100_000_000)).getState()).isEqualTo(TransactionState.SUCCEEDED);
    }

    /** Submits one transaction, produces the block that holds it, and returns its outcome. */
    GetTransactionResponse run(KeyPair payer, Instruction... instructions) {
        String signature = submit(payer, instructions);
        node.produceBlock();
        return outcome(signature);
    }

    GetTransactionResponse outcome(String signature) {
        return transactions.getTransaction(GetTransactionRequest.newBuilder().setSignature(signature).build());
    }

    /** Submits without producing a block; returns the signature. */
    String submit(KeyPair payer, Instruction... instructions) {
        Transaction transaction = TestNode.sign(payer, List.of(instructions), node.headHash());
        return transactions.submitTransaction(SubmitTransactionRequest.newBuilder()
                .setTransaction(ByteString.copyFrom(transaction.serialize())).build()).getSignature();
    }

    /** System transfers only (discriminator 2), to bob only. */
    SessionScope limited(long spend, long perTx, long maxTx) {
        return new SessionScope(Optional.of(List.of(new ProgramScope(SystemProgram.ID,
                Optional.of(new TreeSet<>(List.of(2)))))), OptionalLong.of(spend), OptionalLong.of(perTx),
                OptionalLong.of(maxTx), Optional.of(List.of(node.bob.publicKey())), 0);
    }

    static SessionScope unlimited() {
        return new SessionScope(Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), 0);
    }

    Instruction create(long nonce, long expiresAtMs, SessionScope scope) {
        return SessionProgram.createSession(node.alice.publicKey(), node.alice.publicKey(), sessionKey.publicKey(),
                expiresAtMs, nonce, "game.example", scope);
    }

    PublicKey open(long nonce, long expiresAtMs, SessionScope scope) {
        GetTransactionResponse created = run(node.alice, create(nonce, expiresAtMs, scope));
        assertThat(created.getState()).as(created.toString()).isEqualTo(TransactionState.SUCCEEDED);
        return address(nonce);
    }

    PublicKey address(long nonce) {
        return SessionProgram.sessionAddress(node.alice.publicKey(), nonce);
    }

    Instruction use(PublicKey session, long lamports) {
        return SessionProgram.act(session, sessionKey.publicKey(), node.alice.publicKey(),
                SystemProgram.transfer(node.alice.publicKey(), node.bob.publicKey(), lamports));
    }

    GetTransactionResponse pay(PublicKey session, long lamports) {
        return run(sessionKey, use(session, lamports));
    }

    GetTransactionResponse revoke(PublicKey session) {
        return run(node.alice, SessionProgram.revoke(session, node.alice.publicKey()));
    }

    /** An instant in the middle of the minute {@code minutes} after the clock's, away from minute boundaries. */
    long midMinute(int minutes) {
        return (ExpiryBucket.bucketOf(node.clockMs()) + minutes) * MINUTE + 30_000;
    }

    /** Produces one block stamped {@code timestampMs} (after the clock). */
    void blockAt(long timestampMs) {
        node.advanceClock(timestampMs - node.clockMs() - 1_000);
        node.produceBlock();
        assertThat(node.ledger.headHeader().timestampMs()).isEqualTo(timestampMs);
    }
}
