package network.mira.node.daemon;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import network.mira.settlement.consensus.ConsensusEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that drives consensus: it feeds the wall clock into the engine at a fixed tick.
 * An unexpected error here means an invariant broke (for example the ledger refused a commit); the
 * node stops producing blocks and reports itself not ready rather than continuing on bad state.
 */
final class ConsensusLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsensusLoop.class);

    private final ConsensusEngine engine;
    private final LongSupplier clockMs;
    private final long tickMs;
    private final Runnable onHalt;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "consensus");
        t.setDaemon(false);
        return t;
    });
    private volatile boolean halted;

    ConsensusLoop(ConsensusEngine engine, LongSupplier clockMs, long tickMs, Runnable onHalt) {
        this.engine = engine;
        this.clockMs = clockMs;
        this.tickMs = tickMs;
        this.onHalt = onHalt;
    }

    void start() {
        thread.scheduleWithFixedDelay(this::tick, 0, tickMs, TimeUnit.MILLISECONDS);
    }

    boolean isHalted() {
        return halted;
    }

    private void tick() {
        if (halted) {
            return;
        }
        try {
            engine.onTick(clockMs.getAsLong());
        } catch (RuntimeException | Error e) {
            halted = true;
            LOG.error("consensus halted: {}", e.toString(), e);
            onHalt.run();
        }
    }

    /** Waits for an in-flight block to finish so that nothing is half-written when storage closes. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("consensus thread did not stop within 30 s");
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
