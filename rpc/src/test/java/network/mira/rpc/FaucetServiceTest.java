package network.mira.rpc;

import static network.mira.rpc.RpcAssertions.assertRpcError;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.nio.file.Path;
import network.mira.rpc.v1.FaucetServiceGrpc;
import network.mira.rpc.v1.GetTransactionRequest;
import network.mira.rpc.v1.RequestAirdropRequest;
import network.mira.rpc.v1.TransactionServiceGrpc;
import network.mira.rpc.v1.TransactionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RequestAirdrop: a real transfer from the faucet account, and each refusal's code. */
class FaucetServiceTest {
    @TempDir
    Path dir;
    private TestNode node;
    private FaucetServiceGrpc.FaucetServiceBlockingStub faucet;

    private void start(TestNode.Options options) throws Exception {
        node = new TestNode(dir, options);
        faucet = FaucetServiceGrpc.newBlockingStub(node.channel);
    }

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anAirdropIsAFinalizedTransferFromTheFaucet() throws Exception {
        start(TestNode.Options.defaults());
        String signature = faucet.requestAirdrop(airdrop(node.bob.publicKey().toBase58(), 2_000_000)).getSignature();
        node.produceBlock();
        var status = TransactionServiceGrpc.newBlockingStub(node.channel)
                .getTransaction(GetTransactionRequest.newBuilder().setSignature(signature).build());
        assertThat(status.getState()).isEqualTo(TransactionState.SUCCEEDED);
        assertThat(node.lamports(node.bob)).isEqualTo(2_000_000);
        assertThat(node.lamports(node.faucetKey)).isEqualTo(TestNode.FAUCET_LAMPORTS - 2_000_000 - TestNode.FEE);
    }

    @Test
    void aSecondRequestWithinTheCooldownIsRateLimited() throws Exception {
        start(TestNode.Options.defaults());
        faucet.requestAirdrop(airdrop(node.bob.publicKey().toBase58(), 1_000));
        ChainState before = ChainState.of(node);
        var error = assertRpcError(() -> faucet.requestAirdrop(airdrop(node.bob.publicKey().toBase58(), 1_000)),
                Status.Code.RESOURCE_EXHAUSTED, "RATE_LIMITED");
        assertThat(error.getStatus().getDescription()).startsWith("RATE_LIMITED: ");
        assertThat(ChainState.of(node)).isEqualTo(before);
        node.advanceClock(TestNode.FAUCET_COOLDOWN_MS);
        // Another amount: the same one on the same blockhash would be the very same transaction.
        faucet.requestAirdrop(airdrop(node.bob.publicKey().toBase58(), 2_000));
    }

    @Test
    void invalidAmountsAreInvalidArguments() throws Exception {
        start(TestNode.Options.defaults());
        ChainState before = ChainState.of(node);
        assertRpcError(() -> faucet.requestAirdrop(airdrop(node.bob.publicKey().toBase58(), 0)),
                Status.Code.INVALID_ARGUMENT, "AMOUNT_INVALID");
        assertRpcError(() -> faucet.requestAirdrop(airdrop(node.alice.publicKey().toBase58(),
                TestNode.FAUCET_MAX_LAMPORTS + 1)), Status.Code.INVALID_ARGUMENT, "AMOUNT_INVALID");
        assertRpcError(() -> faucet.requestAirdrop(airdrop(node.alice.publicKey().toBase58(), -1L)),
                Status.Code.INVALID_ARGUMENT, "AMOUNT_INVALID");
        assertThat(ChainState.of(node)).isEqualTo(before);
    }

    @Test
    void aMalformedAddressIsAnInvalidArgumentNamingTheField() throws Exception {
        start(TestNode.Options.defaults());
        var error = assertRpcError(() -> faucet.requestAirdrop(airdrop("nope!", 1_000)),
                Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(error.getStatus().getDescription()).startsWith("address: ");
    }

    @Test
    void aChainWithoutFaucetRefusesWithFailedPrecondition() throws Exception {
        start(TestNode.Options.defaults().withoutFaucet());
        ChainState before = ChainState.of(node);
        assertRpcError(() -> faucet.requestAirdrop(airdrop(node.bob.publicKey().toBase58(), 1_000)),
                Status.Code.FAILED_PRECONDITION, "DISABLED");
        assertThat(ChainState.of(node)).isEqualTo(before);
    }

    private static RequestAirdropRequest airdrop(String address, long lamports) {
        return RequestAirdropRequest.newBuilder().setAddress(address).setLamports(lamports).build();
    }
}
