package network.mira.rpc;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import network.mira.rpc.v1.Block;
import network.mira.rpc.v1.StreamBlocksRequest;

/**
 * Client side of StreamBlocks for tests: events in arrival order. The waits are a safety net
 * against a hung test, not a measurement.
 */
final class BlockCollector implements ClientResponseObserver<StreamBlocksRequest, Block> {
    private static final long WAIT_SECONDS = 30;
    private static final Object COMPLETED = new Object();

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private volatile ClientCallStreamObserver<StreamBlocksRequest> call;

    @Override
    public void beforeStart(ClientCallStreamObserver<StreamBlocksRequest> requestStream) {
        call = requestStream;
    }

    @Override
    public void onNext(Block block) {
        events.add(block);
    }

    @Override
    public void onError(Throwable error) {
        events.add(error);
    }

    @Override
    public void onCompleted() {
        events.add(COMPLETED);
    }

    Block next() throws InterruptedException {
        Object event = nextEvent();
        if (!(event instanceof Block block)) {
            throw new AssertionError("expected a block, got " + describe(event));
        }
        return block;
    }

    StatusRuntimeException error() throws InterruptedException {
        Object event = nextEvent();
        if (!(event instanceof StatusRuntimeException error)) {
            throw new AssertionError("expected the stream to fail, got " + describe(event));
        }
        return error;
    }

    void cancel() {
        call.cancel("test is done with the stream", null);
    }

    private Object nextEvent() throws InterruptedException {
        Object event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("nothing arrived on the block stream within " + WAIT_SECONDS + " s");
        }
        return event;
    }

    private static String describe(Object event) {
        if (event == COMPLETED) {
            return "completion";
        }
        return event instanceof Block block ? "block " + block.getHeight() : String.valueOf(event);
    }
}
