package network.mira.node.daemon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import network.mira.settlement.consensus.FinalizationListener;
import network.mira.settlement.ledger.FinalizedBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One INFO line and the block metrics per finalized block. */
final class BlockReporter implements FinalizationListener {
    private static final Logger LOG = LoggerFactory.getLogger("mira.blocks");

    private final AtomicLong height = new AtomicLong();
    private final AtomicLong finalizedHeight = new AtomicLong();
    private final Timer executionTime;
    private final Counter transactionsSucceeded;
    private final Counter transactionsFailed;

    BlockReporter(MeterRegistry metrics, long startHeight) {
        height.set(startHeight);
        finalizedHeight.set(startHeight);
        metrics.gauge("mira_block_height", height);
        metrics.gauge("mira_finalized_height", finalizedHeight);
        executionTime = Timer.builder("mira_block_execution").description("time to build, execute and commit a block")
                .register(metrics);
        transactionsSucceeded = Counter.builder("mira_transactions_finalized").tag("result", "succeeded")
                .description("transactions in finalized blocks").register(metrics);
        transactionsFailed = Counter.builder("mira_transactions_finalized").tag("result", "failed")
                .description("transactions in finalized blocks").register(metrics);
    }

    @Override
    public void onFinalized(FinalizedBlock block, long executionNanos) {
        long failed = block.statuses().stream().filter(s -> !s.succeeded()).count();
        int count = block.statuses().size();
        height.set(block.block().height());
        finalizedHeight.set(block.block().height());
        executionTime.record(executionNanos, TimeUnit.NANOSECONDS);
        transactionsSucceeded.increment(count - failed);
        transactionsFailed.increment(failed);
        LOG.info("finalized block height={} hash={} txs={} failed={} state_root={} time_ms={}",
                block.block().height(), block.block().hash(), count, failed,
                block.block().header().stateRoot(), executionNanos / 1_000_000);
    }
}
