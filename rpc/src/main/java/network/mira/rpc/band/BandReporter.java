package network.mira.rpc.band;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.BandAlert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says what the band book saw: per validator the gauges {@code mira_verification_agreement_ppm} and
 * {@code mira_verification_in_band} after every observation, and on each crossing of the band's edge one
 * log line (WARN leaving, INFO back), one {@link BandAlert} and, when leaving, one count of
 * {@code mira_verification_band_alerts_total}. An alert is this node's view, never consensus, and has no
 * consequence on chain. Called on the consensus thread only; the alert consumer must only enqueue.
 */
public final class BandReporter {
    private static final Logger LOG = LoggerFactory.getLogger(BandReporter.class);
    private static final String LINE = "validator {} agreement {} ppm over the last {} claims is {} its band [{}, {}]";

    /** One validator's meters; the gauges read these holders, which this map keeps reachable. */
    private record Meters(Counter alerts, AtomicLong inBand, AtomicLong agreementPpm) {}

    private final MeterRegistry metrics;
    private final Consumer<BandAlert> alerts;
    private final Map<PublicKey, Meters> meters = new HashMap<>();

    public BandReporter(MeterRegistry metrics, Consumer<BandAlert> alerts) {
        this.metrics = metrics;
        this.alerts = alerts;
    }

    public void report(BandBook.Observed observed) {
        BandStatus status = observed.status();
        Meters validator = meters.computeIfAbsent(status.validator(), this::register);
        validator.agreementPpm().set(status.recentPpm());
        validator.inBand().set(status.inBand() ? 1 : 0);
        if (!observed.crossed()) {
            return;
        }
        if (status.inBand()) {
            LOG.info(LINE, status.validator(), status.recentPpm(), status.observations(), "back inside",
                    status.lowPpm(), status.highPpm());
        } else {
            validator.alerts().increment();
            LOG.warn(LINE, status.validator(), status.recentPpm(), status.observations(), "outside",
                    status.lowPpm(), status.highPpm());
        }
        alerts.accept(BandAlert.newBuilder().setValidator(status.validator().toBase58()).setHeight(status.height())
                .setInBand(status.inBand()).setRecentAgreementPpm(status.recentPpm())
                .setBandLowPpm(status.lowPpm()).setBandHighPpm(status.highPpm()).build());
    }

    private Meters register(PublicKey identity) {
        String validator = identity.toBase58();
        AtomicLong inBand = new AtomicLong(1);
        AtomicLong agreement = new AtomicLong();
        Gauge.builder("mira_verification_in_band", inBand, AtomicLong::get).tag("validator", validator)
                .description("1 while the validator's recent agreement rate is inside its confidence band, 0 outside")
                .register(metrics);
        Gauge.builder("mira_verification_agreement_ppm", agreement, AtomicLong::get).tag("validator", validator)
                .description("agreement with the decided verdict over the recent claims in the band window, "
                        + "parts per million (this node's view)")
                .register(metrics);
        Counter counter = Counter.builder("mira_verification_band_alerts").tag("validator", validator)
                .description("times this node saw the validator's agreement rate leave its confidence band")
                .register(metrics);
        return new Meters(counter, inBand, agreement);
    }
}
