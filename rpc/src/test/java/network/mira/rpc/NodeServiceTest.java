package network.mira.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import network.mira.rpc.v1.GetNodeStatusRequest;
import network.mira.rpc.v1.NodeServiceGrpc;
import network.mira.rpc.v1.NodeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetNodeStatus reports what the node's status source says. */
class NodeServiceTest {
    @TempDir
    Path dir;

    @Test
    void reportsTheChainAndThisValidator() throws Exception {
        try (TestNode node = new TestNode(dir, TestNode.Options.defaults())) {
            node.produceBlocks(2);
            NodeStatus status = NodeServiceGrpc.newBlockingStub(node.channel)
                    .getNodeStatus(GetNodeStatusRequest.getDefaultInstance());
            assertThat(status.getChainId()).isEqualTo("mira-test");
            assertThat(status.getGenesisHash()).isEqualTo(node.parameters.genesisHash().toBase58());
            assertThat(status.getHeight()).isEqualTo(2);
            assertThat(status.getFinalizedHeight()).isEqualTo(2);
            assertThat(status.getStateRoot()).isEqualTo(node.ledger.state().root().toBase58());
            assertThat(status.getLatestBlockHash()).isEqualTo(node.headHash().toBase58());
            assertThat(status.getLatestBlockTimeMs()).isEqualTo(node.ledger.head().header().timestampMs());
            assertThat(status.getValidator()).isEqualTo(node.validator.publicKey().toBase58());
            assertThat(status.getValidatorCount()).isEqualTo(1);
            assertThat(status.getMempoolSize()).isZero();
            assertThat(status.getVersion()).isEqualTo("test");
        }
    }
}
