package network.mira.rpc.band;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.service.VerificationAccounts;
import network.mira.rpc.v1.BandAlert;
import network.mira.settlement.consensus.FinalizationListener;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.settlement.ledger.LedgerException;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.settlement.staking.program.StakeProgram;
import network.mira.svm.AccountReader;
import network.mira.verification.program.AttestorStats;
import network.mira.verification.program.VerificationProgram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link BandBook} from each finalized block and reports what it sees: for every validator of
 * the stake state, its attestor record (from the block's changed accounts; read from state only the
 * first time, as a baseline), then metrics, one log line and one {@link BandAlert} per crossing of the
 * band's edge. An alert is this node's view, never consensus, and has no consequence on chain. Runs on
 * the consensus thread: reads are point reads of accounts the block just wrote, and alerts are only
 * enqueued.
 */
public final class BandTracker implements FinalizationListener {
    private static final Logger LOG = LoggerFactory.getLogger(BandTracker.class);

    private final BandBook book;
    private final BandSettings settings;
    private final AccountReader state;
    private final MeterRegistry metrics;
    private final Consumer<BandAlert> alerts;
    private final Map<PublicKey, Meters> meters = new HashMap<>();

    /** One validator's meters; the gauges read these holders. */
    private record Meters(Counter alerts, AtomicLong inBand, AtomicLong agreementPpm) {}

    /** @param state finalized state, read for the stake state and for baselines */
    public BandTracker(BandBook book, BandSettings settings, AccountReader state, MeterRegistry metrics,
                       Consumer<BandAlert> alerts) {
        this.book = book;
        this.settings = settings;
        this.state = state;
        this.metrics = metrics;
        this.alerts = alerts;
    }

    @Override
    public void onFinalized(FinalizedBlock finalized, long executionNanos) {
        long height = finalized.block().height();
        Map<PublicKey, Account> changed = finalized.changedAccounts();
        for (PublicKey identity : identities(changed, height)) {
            Account account = changed.get(VerificationProgram.attestorStats(identity));
            Optional<AttestorStats> stats;
            if (account != null) {
                stats = VerificationAccounts.stats(identity, account);
            } else if (book.status(identity).isEmpty()) {
                stats = Optional.of(VerificationAccounts.stats(state, identity).orElse(AttestorStats.NONE));
            } else {
                continue; // unchanged since the last block: nothing new to observe
            }
            stats.ifPresent(found -> report(book.observe(identity, found, height)));
        }
    }

    private Set<PublicKey> identities(Map<PublicKey, Account> changed, long height) {
        Optional<Account> account = Optional.ofNullable(changed.get(StakeProgram.STATE_ACCOUNT))
                .or(() -> state.get(StakeProgram.STATE_ACCOUNT));
        if (account.isEmpty() || account.get().isEmpty()) {
            return Set.of();
        }
        try {
            return StakingStateCodec.decode(account.get().data()).validators().keySet();
        } catch (DecodeException e) {
            // Consensus only ever writes states that decode: this is a bug, not an input to handle.
            throw new LedgerException("stake state account " + StakeProgram.STATE_ACCOUNT + " at height " + height
                    + " does not decode: " + e.getMessage());
        }
    }

    private void report(BandBook.Observed observed) {
        BandStatus status = observed.status();
        Meters validator = meters.computeIfAbsent(status.validator(), this::register);
        validator.agreementPpm().set(status.recentPpm());
        validator.inBand().set(status.inBand() ? 1 : 0);
        if (!observed.crossed()) {
            return;
        }
        String line = "validator {} agreement {} ppm over the last {} claims is {} its band [{}, {}]";
        if (status.inBand()) {
            LOG.info(line, status.validator(), status.recentPpm(), status.observations(), "back inside",
                    status.lowPpm(), status.highPpm());
        } else {
            validator.alerts().increment();
            LOG.warn(line, status.validator(), status.recentPpm(), status.observations(), "outside",
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
                .description("agreement with the decided verdict over the last " + settings.window()
                        + " claims, parts per million (this node's view)")
                .register(metrics);
        Counter counter = Counter.builder("mira_verification_band_alerts").tag("validator", validator)
                .description("times this node saw the validator's agreement rate leave its confidence band")
                .register(metrics);
        return new Meters(counter, inBand, agreement);
    }
}
