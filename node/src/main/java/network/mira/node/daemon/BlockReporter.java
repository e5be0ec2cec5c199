package network.mira.node.daemon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import network.mira.settlement.consensus.BlockProductionListener;
import network.mira.settlement.consensus.FinalizationListener;
import network.mira.settlement.production.BuiltBlock;
import network.mira.svm.BlockExecution;
import network.mira.settlement.ledger.FinalizedBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line and the block metrics per finalized block, and the packing and parallel
 * execution figures of every block this node builds.
 */
final class BlockReporter implements FinalizationListener, BlockProductionListener {
    private static final Logger LOG = LoggerFactory.getLogger("mira.blocks");

    private final AtomicLong height = new AtomicLong();
    private final AtomicLong finalizedHeight = new AtomicLong();
    private final Timer executionTime;
    private final Counter transactionsSucceeded;
    private final Counter transactionsFailed;
    private final MeterRegistry metrics;
    private final DistributionSummary computeUnits;
    private final DistributionSummary batches;
    private final DistributionSummary transactionsPerBatch;
    private final AtomicLong utilisationPermille = new AtomicLong();
    private final Counter dropped;

    BlockReporter(MeterRegistry metrics, long startHeight) {
        this.metrics = metrics;
        computeUnits = DistributionSummary.builder("mira_block_compute_units")
                .description("compute units reserved by the transactions of each built block").register(metrics);
        batches = DistributionSummary.builder("mira_execution_batches")
                .description("batches of mutually non-conflicting transactions per block").register(metrics);
        transactionsPerBatch = DistributionSummary.builder("mira_execution_transactions_per_batch")
                .description("average transactions per parallel batch, per block").register(metrics);
        metrics.gauge("mira_execution_worker_utilisation", utilisationPermille, value -> value.get() / 1000.0);
        dropped = Counter.builder("mira_transactions_dropped")
                .description("mempool transactions dropped at block building (expired, duplicate, fee payer cannot pay)")
                .register(metrics);
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
    public void onProduced(BuiltBlock block) {
        computeUnits.record(block.packing().computeUnits());
        BlockExecution.ExecutionStats stats = block.executionStats();
        batches.record(stats.batches());
        if (stats.batches() > 0) {
            transactionsPerBatch.record((double) block.packing().selected().size() / stats.batches());
        }
        utilisationPermille.set(Math.round(stats.utilisation() * 1000));
        dropped.increment(block.dropped().size());
        block.packing().deferred().forEach((reason, count) -> Counter.builder("mira_transactions_deferred")
                .description("valid transactions left for a later block by a block limit")
                .tag("reason", reason.name()).register(metrics).increment(count));
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
