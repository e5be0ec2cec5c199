package network.mira.rpc;

import static network.mira.rpc.RpcAssertions.assertRpcError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.nio.file.Path;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Hash;
import network.mira.core.tx.Transaction;
import network.mira.rpc.service.ChainGrpcService;
import network.mira.rpc.service.ProtoMapper;
import network.mira.rpc.v1.ChainServiceGrpc;
import network.mira.rpc.v1.Commitment;
import network.mira.rpc.v1.GetBlockRequest;
import network.mira.rpc.v1.GetLatestBlockhashRequest;
import network.mira.rpc.v1.GetLatestBlockhashResponse;
import network.mira.rpc.v1.GetValidatorSetRequest;
import network.mira.rpc.v1.GetValidatorSetResponse;
import network.mira.rpc.v1.ValidatorSetMember;
import network.mira.rpc.v1.SubmitTransactionRequest;
import network.mira.rpc.v1.TransactionServiceGrpc;
import network.mira.settlement.genesis.GenesisInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetLatestBlockhash, GetBlock and GetValidatorSet against a real ledger. */
class ChainServiceTest {
    @TempDir
    Path dir;
    private TestNode node;
    private ChainServiceGrpc.ChainServiceBlockingStub chain;

    @BeforeEach
    void start() throws Exception {
        node = new TestNode(dir, TestNode.Options.defaults());
        chain = ChainServiceGrpc.newBlockingStub(node.channel);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void latestBlockhashIsTheFinalizedHeadWithItsValidityWindow() {
        node.produceBlocks(2);
        GetLatestBlockhashResponse latest = chain.getLatestBlockhash(GetLatestBlockhashRequest.getDefaultInstance());
        assertThat(latest.getBlockhash()).isEqualTo(node.headHash().toBase58());
        assertThat(latest.getHeight()).isEqualTo(2);
        assertThat(latest.getLastValidHeight()).isEqualTo(2 + node.parameters.blockhashMaxAgeBlocks());
    }

    @Test
    void aBlockByHeightCarriesItsTransactionsAndCertificate() {
        Transaction transfer = node.transfer(node.alice, node.bob.publicKey(), 7_000);
        TransactionServiceGrpc.newBlockingStub(node.channel).submitTransaction(SubmitTransactionRequest.newBuilder()
                .setTransaction(ByteString.copyFrom(transfer.serialize())).build());
        long height = node.produceBlock();
        Block stored = node.ledger.block(height).orElseThrow();

        network.mira.rpc.v1.Block block = chain.getBlock(GetBlockRequest.newBuilder().setHeight(height).build());

        assertThat(block.getHeight()).isEqualTo(height);
        assertThat(block.getHash()).isEqualTo(stored.hash().toBase58());
        assertThat(block.getParentHash()).isEqualTo(node.ledger.block(height - 1).orElseThrow().hash().toBase58());
        assertThat(block.getStateRoot()).isEqualTo(node.ledger.state().root().toBase58());
        assertThat(block.getTransactionsRoot()).isEqualTo(stored.header().transactionsRoot().toBase58());
        assertThat(block.getTimestampMs()).isEqualTo(stored.header().timestampMs());
        assertThat(block.getProposer()).isEqualTo(node.validator.publicKey().toBase58());
        assertThat(block.getValidatorSetHash()).isEqualTo(node.parameters.validators().hash().toBase58());
        assertThat(block.getSignaturesList()).containsExactly(transfer.id().toBase58());
        assertThat(block.getTransactionsList()).containsExactly(ByteString.copyFrom(transfer.serialize()));
        assertThat(block.getCommitment()).isEqualTo(Commitment.FINALIZED);
        assertThat(block.getCertificate().getHeight()).isEqualTo(height);
        assertThat(block.getCertificate().getBlockHash()).isEqualTo(block.getHash());
        assertThat(block.getCertificate().getStateRoot()).isEqualTo(block.getStateRoot());
        assertThat(block.getCertificate().getSignaturesList()).singleElement()
                .satisfies(s -> assertThat(s.getValidator()).isEqualTo(node.validator.publicKey().toBase58()));
    }

    @Test
    void aBlockByHashIsTheSameAsByHeight() {
        long height = node.produceBlock();
        network.mira.rpc.v1.Block byHeight = chain.getBlock(GetBlockRequest.newBuilder().setHeight(height).build());
        network.mira.rpc.v1.Block byHash = chain.getBlock(GetBlockRequest.newBuilder()
                .setHash(byHeight.getHash()).build());
        assertThat(byHash).isEqualTo(byHeight);
    }

    @Test
    void theGenesisBlockHasNoProposerAndAnEmptyCertificate() {
        network.mira.rpc.v1.Block genesis = chain.getBlock(GetBlockRequest.newBuilder().setHeight(0).build());
        assertThat(genesis.getHeight()).isZero();
        assertThat(genesis.getProposer()).isEqualTo(GenesisInitializer.NO_PROPOSER.toBase58());
        assertThat(genesis.getSignaturesCount()).isZero();
        assertThat(genesis.getCertificate().getSignaturesCount()).isZero();
    }

    @Test
    void missingBlocksAreNotFoundNamingWhatWasAsked() {
        node.produceBlock();
        var byHeight = assertRpcError(() -> chain.getBlock(GetBlockRequest.newBuilder().setHeight(99).build()),
                Status.Code.NOT_FOUND, "BLOCK_NOT_FOUND");
        assertThat(byHeight.getStatus().getDescription()).contains("99").contains("finalized height is 1");
        String unknown = Hash.sha256(new byte[] {1}).toBase58();
        var byHash = assertRpcError(() -> chain.getBlock(GetBlockRequest.newBuilder().setHash(unknown).build()),
                Status.Code.NOT_FOUND, "BLOCK_NOT_FOUND");
        assertThat(byHash.getStatus().getDescription()).contains(unknown);
    }

    @Test
    void malformedSelectorsAreInvalidArguments() {
        var badHash = assertRpcError(() -> chain.getBlock(GetBlockRequest.newBuilder().setHash("xyz").build()),
                Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(badHash.getStatus().getDescription()).startsWith("hash: ");
        var none = assertRpcError(() -> chain.getBlock(GetBlockRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(none.getStatus().getDescription()).startsWith("selector: ");
        var huge = assertRpcError(() -> chain.getBlock(GetBlockRequest.newBuilder().setHeight(-1L).build()),
                Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(huge.getStatus().getDescription()).startsWith("height: ").contains("18446744073709551615");
    }

    @Test
    void aBlockCarriesItsNextSetHashAndTheParentCertificate() {
        node.produceBlocks(2);
        Block stored = node.ledger.block(2).orElseThrow();

        network.mira.rpc.v1.Block block = chain.getBlock(GetBlockRequest.newBuilder().setHeight(2).build());

        assertThat(block.getVersion()).isEqualTo(BlockHeader.VERSION);
        assertThat(block.getNextValidatorSetHash()).isEqualTo(node.parameters.validators().hash().toBase58());
        assertThat(block.getLastCommitHash()).isEqualTo(stored.header().lastCommitHash().toBase58())
                .isNotEqualTo(Hash.ZERO.toBase58());
        assertThat(block.hasLastCommit()).isTrue();
        assertThat(block.getLastCommit()).isEqualTo(ProtoMapper.certificate(node.ledger.certificate(1).orElseThrow()));
        assertThat(block.getLastCommit().getBlockHash())
                .isEqualTo(node.ledger.block(1).orElseThrow().hash().toBase58());

        network.mira.rpc.v1.Block first = chain.getBlock(GetBlockRequest.newBuilder().setHeight(1).build());
        assertThat(first.hasLastCommit()).as("height 1's parent is genesis, which has no signed certificate").isFalse();
        assertThat(first.getLastCommitHash()).isEqualTo(Hash.ZERO.toBase58());
    }

    @Test
    void theValidatorSetOfEveryHeightUpToTheNextOne() {
        node.produceBlocks(2);
        ValidatorSet genesisSet = node.parameters.validators();
        for (long height = 0; height <= 3; height++) {
            GetValidatorSetResponse set = chain.getValidatorSet(GetValidatorSetRequest.newBuilder()
                    .setHeight(height).build());
            assertThat(set.getHeight()).isEqualTo(height);
            assertThat(set.getValidatorSetHash()).isEqualTo(genesisSet.hash().toBase58());
            assertThat(set.getValidatorsList()).containsExactly(ValidatorSetMember.newBuilder()
                    .setKey(node.validator.publicKey().toBase58()).setVotingPower(1_000_000).build());
            assertThat(set.getTotalVotingPower()).isEqualTo(1_000_000);
            assertThat(set.hasEpoch()).as("a chain without staking has no epochs").isFalse();
            assertThat(set.getCommitment()).isEqualTo(Commitment.FINALIZED);
            assertThat(set.getFinalizedHeight()).isEqualTo(2);
        }
    }

    @Test
    void aSetBeyondTheNextHeightIsNotFoundAndAHugeHeightIsInvalid() {
        node.produceBlock();
        var unknown = assertRpcError(() -> chain.getValidatorSet(GetValidatorSetRequest.newBuilder().setHeight(3)
                .build()), Status.Code.NOT_FOUND, ChainGrpcService.VALIDATOR_SET_NOT_FOUND);
        assertThat(unknown.getStatus().getDescription()).isEqualTo("VALIDATOR_SET_NOT_FOUND: the set of height 3 is"
                + " not known yet; sets are known up to height 2 (finalized height + 1)");
        var huge = assertRpcError(() -> chain.getValidatorSet(GetValidatorSetRequest.newBuilder().setHeight(-1L)
                .build()), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(huge.getStatus().getDescription()).startsWith("height: ").contains("18446744073709551615");
    }
}
