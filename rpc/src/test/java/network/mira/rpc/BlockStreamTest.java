package network.mira.rpc;

import static network.mira.rpc.RpcAssertions.errorInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import network.mira.rpc.v1.Block;
import network.mira.rpc.v1.ChainServiceGrpc;
import network.mira.rpc.v1.StreamBlocksRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StreamBlocks: replay from the ledger, then live blocks, with no gap or repeat in between. */
class BlockStreamTest {
    @TempDir
    Path dir;
    private TestNode node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void replaysFinalizedBlocksThenFollowsLiveOnes() throws Exception {
        node = new TestNode(dir, TestNode.Options.defaults());
        node.produceBlocks(3);
        BlockCollector stream = subscribe(1);
        for (long height = 1; height <= 3; height++) {
            assertSameAsLedger(stream.next(), height);
        }
        node.produceBlocks(2);
        assertSameAsLedger(stream.next(), 4);
        assertSameAsLedger(stream.next(), 5);
        stream.cancel();
    }

    @Test
    void blocksFinalizedDuringTheReplayAreSentExactlyOnceInOrder() throws Exception {
        node = new TestNode(dir, TestNode.Options.defaults());
        node.produceBlocks(40);
        BlockCollector stream = subscribe(1);
        node.produceBlocks(40);
        for (long height = 1; height <= 80; height++) {
            assertSameAsLedger(stream.next(), height);
        }
        node.produceBlock();
        assertSameAsLedger(stream.next(), 81);
        stream.cancel();
    }

    @Test
    void fromHeightZeroStartsWithTheNextBlock() throws Exception {
        node = new TestNode(dir, TestNode.Options.defaults());
        node.produceBlocks(3);
        BlockCollector stream = subscribe(0);
        Await.until(() -> node.feed.streamCount() == 1, "the stream to subscribe");
        node.produceBlocks(3);
        // The subscription settles its start right after it registers; the first block made after
        // registering may or may not be "next" yet, everything after it must arrive in order.
        Block first = stream.next();
        assertThat(first.getHeight()).as("no replay of blocks finalized before subscribing").isBetween(4L, 6L);
        for (long height = first.getHeight() + 1; height <= 6; height++) {
            assertSameAsLedger(stream.next(), height);
        }
        stream.cancel();
    }

    @Test
    void aFutureFromHeightWaitsForThatBlock() throws Exception {
        node = new TestNode(dir, TestNode.Options.defaults());
        BlockCollector stream = subscribe(3);
        node.produceBlocks(4);
        assertSameAsLedger(stream.next(), 3);
        assertSameAsLedger(stream.next(), 4);
        stream.cancel();
    }

    @Test
    void aSubscriberThatFallsBehindIsClosedWithResourceExhausted() throws Exception {
        try (GateExecutor stalled = new GateExecutor()) {
            node = new TestNode(dir, TestNode.Options.defaults().withStreamQueueCapacity(4), stalled);
            BlockCollector stream = subscribe(1);
            Await.until(() -> node.feed.streamCount() == 1, "the stream to subscribe");
            node.produceBlocks(5);
            stalled.open();
            StatusRuntimeException error = stream.error();
            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(errorInfo(error).getReason()).isEqualTo("STREAM_TOO_SLOW");
            Await.until(() -> node.feed.streamCount() == 0, "the slow stream to be dropped");
            node.produceBlock();
        }
    }

    @Test
    void aCancelledStreamIsDropped() throws Exception {
        node = new TestNode(dir, TestNode.Options.defaults());
        BlockCollector stream = subscribe(0);
        Await.until(() -> node.feed.streamCount() == 1, "the stream to subscribe");
        stream.cancel();
        Await.until(() -> node.feed.streamCount() == 0, "the cancelled stream to be dropped");
        node.produceBlock();
    }

    @Test
    void closingTheFeedEndsStreamsWithUnavailable() throws Exception {
        node = new TestNode(dir, TestNode.Options.defaults());
        BlockCollector stream = subscribe(0);
        Await.until(() -> node.feed.streamCount() == 1, "the stream to subscribe");
        node.feed.close();
        StatusRuntimeException error = stream.error();
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(errorInfo(error).getReason()).isEqualTo("SHUTTING_DOWN");
        BlockCollector late = subscribe(0);
        assertThat(late.error().getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }

    private BlockCollector subscribe(long fromHeight) {
        BlockCollector collector = new BlockCollector();
        ChainServiceGrpc.newStub(node.channel)
                .streamBlocks(StreamBlocksRequest.newBuilder().setFromHeight(fromHeight).build(), collector);
        return collector;
    }

    private void assertSameAsLedger(Block block, long height) {
        assertThat(block.getHeight()).isEqualTo(height);
        assertThat(block.getHash()).isEqualTo(node.ledger.block(height).orElseThrow().hash().toBase58());
        assertThat(block.getCertificate().getHeight()).isEqualTo(height);
    }

}
