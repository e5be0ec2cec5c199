package network.mira.rpc;

import static network.mira.rpc.RpcAssertions.assertRpcError;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.Signature;
import network.mira.rpc.v1.ChainServiceGrpc;
import network.mira.rpc.v1.Evidence;
import network.mira.rpc.v1.GetBlockRequest;
import network.mira.rpc.v1.ListEvidenceRequest;
import network.mira.rpc.v1.ListEvidenceResponse;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.bft.Vote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ListEvidence and the evidence in GetBlock over real gRPC: the node's validator double-signs (its
 * key signs two prevotes outside the guard), the evidence goes through the node's pool into a
 * block the BFT engine finalizes, and clients read it back.
 */
class EvidenceServiceTest {
    private static final String ZERO = Hash.ZERO.toBase58();

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
    void stop() {
        node.close();
    }

    private Vote vote(KeyPair key, long height, Hash blockHash, Hash stateRoot) {
        Vote unsigned = new Vote(height, 0, VoteStep.PREVOTE, blockHash, stateRoot, key.publicKey(),
                Signature.wrap(new byte[Signature.LENGTH]));
        return new Vote(height, 0, VoteStep.PREVOTE, blockHash, stateRoot, key.publicKey(),
                key.sign(unsigned.signBytes(node.parameters.chainId())));
    }

    /** The validator prevoted nil and for block {@code name} at {@code height}. */
    private DuplicateVoteEvidence doubleSign(long height, String name) {
        Hash block = Hash.sha256(name.getBytes(StandardCharsets.US_ASCII));
        return new DuplicateVoteEvidence(vote(node.validator, height, block, Hash.sha256(block.bytes())),
                vote(node.validator, height, Hash.ZERO, Hash.ZERO));
    }

    private ListEvidenceResponse list(long from, long to, int limit) {
        return chain.listEvidence(ListEvidenceRequest.newBuilder().setFromHeight(from).setToHeight(to)
                .setLimit(limit).build());
    }

    @Test
    void includedEvidenceIsListedWithItsVotesAndBlock() throws Exception {
        node.produceBlock();
        DuplicateVoteEvidence evidence = doubleSign(1, "a");
        assertThat(node.evidencePool.add(evidence)).isEmpty();
        long included = node.produceBlock();

        ListEvidenceResponse response = list(0, 0, 0);

        assertThat(response.getFinalizedHeight()).isEqualTo(included);
        assertThat(response.getHasMore()).isFalse();
        Evidence entry = response.getEvidenceList().get(0);
        assertThat(response.getEvidenceList()).hasSize(1);
        assertThat(entry.getHash()).isEqualTo(evidence.hash().toBase58());
        assertThat(entry.getValidator()).isEqualTo(node.validator.publicKey().toBase58());
        assertThat(entry.getHeight()).isEqualTo(1);
        assertThat(entry.getRound()).isZero();
        assertThat(entry.getStep()).isEqualTo(network.mira.rpc.v1.VoteStep.PREVOTE);
        assertThat(entry.getBlockHashA()).as("the nil vote sorts first").isEqualTo(ZERO);
        assertThat(entry.getStateRootA()).isEqualTo(ZERO);
        assertThat(entry.getBlockHashB()).isEqualTo(evidence.first().blockHash().toBase58());
        assertThat(entry.getStateRootB()).isEqualTo(evidence.first().stateRoot().toBase58());
        assertThat(entry.getSignatureB()).isEqualTo(evidence.first().signature().toBase58());
        assertThat(entry.getIncludedHeight()).isEqualTo(included);
        assertThat(entry.getIndex()).isZero();
        assertThat(DuplicateVoteEvidence.decode(entry.getEncoded().toByteArray()).hash()).isEqualTo(evidence.hash());

        network.mira.rpc.v1.Block block = chain.getBlock(GetBlockRequest.newBuilder().setHeight(included).build());
        assertThat(block.getVersion()).isEqualTo(network.mira.core.block.BlockHeader.VERSION);
        assertThat(block.getEvidenceCount()).isEqualTo(1);
        assertThat(block.getEvidenceRoot()).isNotEqualTo(ZERO);
        assertThat(block.getIncludedEvidenceList()).containsExactly(entry);

        network.mira.rpc.v1.Block before = chain.getBlock(GetBlockRequest.newBuilder().setHeight(1).build());
        assertThat(before.getEvidenceCount()).isZero();
        assertThat(before.getEvidenceRoot()).isEqualTo(ZERO);
        assertThat(before.getIncludedEvidenceList()).isEmpty();
        assertThat(chain.getBlock(GetBlockRequest.newBuilder().setHeight(0).build()).getVersion())
                .as("genesis keeps the original layout").isEqualTo(1);
    }

    @Test
    void aRangeIsPagedExactlyAndHeightsAboveTheHeadAreEmpty() {
        node.produceBlock();
        List<String> hashes = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            DuplicateVoteEvidence evidence = doubleSign(1, name);
            node.evidencePool.add(evidence);
            hashes.add(evidence.hash().toBase58());
        }
        long included = node.produceBlock();
        node.produceBlock();

        ListEvidenceResponse first = list(0, 0, 2);
        assertThat(first.getEvidenceList()).hasSize(2);
        assertThat(first.getHasMore()).isTrue();
        assertThat(first.getNextHeight()).isEqualTo(included);
        assertThat(first.getNextIndex()).isEqualTo(2);
        ListEvidenceResponse second = chain.listEvidence(ListEvidenceRequest.newBuilder()
                .setFromHeight(first.getNextHeight()).setFromIndex(first.getNextIndex()).setLimit(2).build());
        assertThat(second.getEvidenceList()).hasSize(1);
        assertThat(second.getHasMore()).isFalse();
        List<String> paged = new ArrayList<>();
        first.getEvidenceList().forEach(e -> paged.add(e.getHash()));
        second.getEvidenceList().forEach(e -> paged.add(e.getHash()));
        assertThat(paged).containsExactlyInAnyOrderElementsOf(hashes).doesNotHaveDuplicates();

        assertThat(list(included + 1, 0, 10).getEvidenceList()).isEmpty();
        assertThat(list(1, included - 1, 10).getEvidenceList()).isEmpty();
        assertThat(list(included, included, 10).getEvidenceList()).hasSize(3);
        ListEvidenceResponse future = list(1_000, 2_000, 10);
        assertThat(future.getEvidenceList()).isEmpty();
        assertThat(future.getFinalizedHeight()).isEqualTo(included + 1);
    }

    @Test
    void malformedRequestsAreInvalidArgumentsNamingTheField() {
        var limit = assertRpcError(() -> list(0, 0, 1_001), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(limit.getStatus().getDescription()).isEqualTo("limit: 1001 exceeds the maximum of 1000");
        var hugeLimit = assertRpcError(() -> list(0, 0, -1), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(hugeLimit.getStatus().getDescription()).isEqualTo("limit: 4294967295 exceeds the maximum of 1000");
        var index = assertRpcError(() -> chain.listEvidence(ListEvidenceRequest.newBuilder().setFromIndex(100).build()),
                Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(index.getStatus().getDescription()).isEqualTo("from_index: 100 exceeds the maximum of 99");
        var backwards = assertRpcError(() -> list(5, 2, 10), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(backwards.getStatus().getDescription()).isEqualTo("to_height: 2 is below from_height 5");
        var from = assertRpcError(() -> list(-1L, 0, 10), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(from.getStatus().getDescription()).isEqualTo("from_height: 18446744073709551615 is beyond any height");
        var to = assertRpcError(() -> list(0, -1L, 10), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(to.getStatus().getDescription()).startsWith("to_height: ");
    }
}
