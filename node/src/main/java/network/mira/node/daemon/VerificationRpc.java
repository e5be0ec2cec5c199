package network.mira.node.daemon;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.service.StakingSnapshot;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import network.mira.config.NodeConfig;
import network.mira.rpc.band.BandBook;
import network.mira.rpc.band.BandReporter;
import network.mira.rpc.band.BandSettings;
import network.mira.rpc.band.BandTracker;
import network.mira.rpc.service.VerificationGrpcService;
import network.mira.rpc.stream.StreamFanOut;
import network.mira.rpc.stream.VerificationResultFeed;
import network.mira.rpc.v1.BandAlert;
import network.mira.rpc.v1.VerificationResult;
import network.mira.settlement.consensus.FinalizationListener;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.mempool.Mempool;

/**
 * The node side of VerificationService: the confidence band and the two streams, with their own
 * delivery thread, so MiraNode only registers the service and (where the verification program runs)
 * the listeners. The band is node-local state that starts empty at every start.
 */
final class VerificationRpc implements AutoCloseable {
    private static final int STREAM_QUEUE = 1_024;
    private static final int MAX_STREAMS = 64;

    private final Ledger ledger;
    private final ExecutorService delivery;
    private final StreamFanOut<VerificationResult> results;
    private final StreamFanOut<BandAlert> alerts;
    private final BandBook band;
    private final BandTracker tracker;

    /** @param validators the validators of the finalized stake state at start (empty without staking) */
    VerificationRpc(NodeConfig.Band settings, MeterRegistry metrics, Ledger ledger, Set<PublicKey> validators) {
        this.ledger = ledger;
        this.delivery = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "verification-feed");
            thread.setDaemon(true);
            return thread;
        });
        this.results = new StreamFanOut<>("verification results", STREAM_QUEUE, MAX_STREAMS, delivery);
        this.alerts = new StreamFanOut<>("band alerts", STREAM_QUEUE, MAX_STREAMS, delivery);
        this.band = new BandBook(new BandSettings(settings.window(), settings.minObservations(), settings.widthPpm()));
        this.tracker = new BandTracker(band, new BandReporter(metrics, alert -> alerts.publish(List.of(alert))),
                ledger, validators);
    }

    /** The band's reader of the stake state the staking feed decodes once per block. */
    Consumer<StakingSnapshot> stakingConsumer() {
        return tracker::onState;
    }

    /**
     * The result feed and the band tracker: only on a chain that runs the verification program, after the
     * staking feed whose {@link #stakingConsumer} they need.
     */
    List<FinalizationListener> listeners() {
        return List.of(new VerificationResultFeed(results, ledger), tracker);
    }

    /** @param enabled whether the chain runs the verification program; if not, every call says so */
    VerificationGrpcService service(Mempool mempool, String chainId, boolean enabled) {
        return new VerificationGrpcService(ledger, mempool, chainId, enabled,
                new VerificationGrpcService.Views(band, results, alerts));
    }

    /** Ends the streams (so a graceful server shutdown does not wait for them) and the delivery thread. */
    @Override
    public void close() {
        results.close();
        alerts.close();
        delivery.shutdown();
    }
}
