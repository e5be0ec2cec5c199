package network.mira.rpc.band;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.BandAlert;
import network.mira.verification.program.AttestorStats;
import org.junit.jupiter.api.Test;

/**
 * The confidence band from sequences of on-chain records: a validator that agrees about as often as it
 * always has stays inside, one that starts disagreeing leaves (one alert, gauge 0), and one that recovers
 * comes back (gauge 1, an in-band alert); too few observations are never judged.
 */
class BandBookTest {
    /** Window 10, judged from 5, band ± 150,000 ppm. */
    private static final BandSettings SETTINGS = new BandSettings(10, 5, 150_000);
    private static final PublicKey VALIDATOR = PublicKey.wrap(Hash.sha256(new byte[] {1}).bytes());

    private final BandBook book = new BandBook(SETTINGS);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final List<BandAlert> alerts = new ArrayList<>();
    private final BandReporter reporter = new BandReporter(metrics, alerts::add);
    private long resolved;
    private long agreed;
    private long height;

    /** The next block's record: {@code claims} more resolved, {@code agreements} of them agreed. */
    private BandBook.Observed block(int claims, int agreements) {
        resolved += claims;
        agreed += agreements;
        height++;
        BandBook.Observed observed = book.observe(VALIDATOR, new AttestorStats(resolved, agreed, 0, 0, 0, 0, 0, 0),
                height);
        reporter.report(observed);
        return observed;
    }

    private double gauge(String name) {
        return metrics.get(name).tag("validator", VALIDATOR.toBase58()).gauge().value();
    }

    private double alertCount() {
        return metrics.get("mira_verification_band_alerts").tag("validator", VALIDATOR.toBase58()).counter().count();
    }

    @Test
    void leavesTheBandWhenItStartsDisagreeingAndComesBackWhenItRecovers() {
        resolved = 1_000;
        agreed = 800;
        BandBook.Observed baseline = block(0, 0);
        assertThat(baseline.status().observations()).as("history before start is a baseline only").isZero();

        BandBook.Observed usual = block(5, 4);
        assertThat(usual.status().judged()).isTrue();
        assertThat(usual.status().recentPpm()).isEqualTo(800_000);
        assertThat(usual.status().lowPpm()).as("long-run 804/1005 - 150,000")
                .isEqualTo((int) (804L * 1_000_000 / 1_005) - 150_000);
        assertThat(usual.status().inBand()).isTrue();
        assertThat(usual.crossed()).isFalse();
        assertThat(gauge("mira_verification_in_band")).isEqualTo(1);

        assertThat(block(1, 0).status().inBand()).as("4 of 6 = 666,666 is still above ~649,000").isTrue();
        BandBook.Observed left = block(1, 0);
        assertThat(left.crossed()).isTrue();
        assertThat(left.status().inBand()).isFalse();
        assertThat(left.status().recentPpm()).isEqualTo(571_428);
        assertThat(left.status().alerts()).isEqualTo(1);
        assertThat(gauge("mira_verification_in_band")).isZero();
        assertThat(gauge("mira_verification_agreement_ppm")).isEqualTo(571_428);
        assertThat(alertCount()).isEqualTo(1);
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.getValidator()).isEqualTo(VALIDATOR.toBase58());
            assertThat(alert.getHeight()).isEqualTo(height);
            assertThat(alert.getInBand()).isFalse();
            assertThat(alert.getRecentAgreementPpm()).isEqualTo(571_428);
            assertThat(alert.getBandLowPpm()).isEqualTo(left.status().lowPpm());
            assertThat(alert.getBandHighPpm()).isEqualTo(left.status().highPpm());
        });

        BandBook.Observed stillOut = block(1, 0);
        assertThat(stillOut.crossed()).as("staying out raises no second alert").isFalse();
        assertThat(alerts).hasSize(1);

        // Ten claims in one block, eight agreed: the ring now holds exactly them, 800,000.
        BandBook.Observed back = block(10, 8);
        assertThat(back.status().observations()).isEqualTo(10);
        assertThat(back.status().recentPpm()).isEqualTo(800_000);
        assertThat(back.crossed()).isTrue();
        assertThat(back.status().inBand()).isTrue();
        assertThat(gauge("mira_verification_in_band")).isEqualTo(1);
        assertThat(alertCount()).as("coming back is not an alert count").isEqualTo(1);
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(1).getInBand()).isTrue();
        assertThat(book.status(VALIDATOR).orElseThrow().alerts()).isEqualTo(1);
    }

    @Test
    void fewerObservationsThanTheMinimumAreNeverJudged() {
        resolved = 100;
        agreed = 100;
        block(0, 0);
        for (int i = 0; i < 4; i++) {
            BandBook.Observed observed = block(1, 0);
            assertThat(observed.status().judged()).isFalse();
            assertThat(observed.status().inBand()).isTrue();
        }
        assertThat(alerts).isEmpty();
        assertThat(block(1, 0).status().inBand()).as("the fifth is judged: 0 against ~950,000").isFalse();
        assertThat(alerts).hasSize(1);
    }

    @Test
    void theBandIsClampedToZeroAndOneMillion() {
        resolved = 10;
        agreed = 10;
        block(0, 0);
        BandBook.Observed observed = block(5, 5);
        assertThat(observed.status().highPpm()).isEqualTo(1_000_000);
        assertThat(observed.status().lowPpm()).isEqualTo(850_000);
        assertThat(observed.status().inBand()).isTrue();
    }

    @Test
    void aRecordThatShrinksIsABugNotAnObservation() {
        resolved = 10;
        agreed = 5;
        block(0, 0);
        assertThatThrownBy(() -> block(-1, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("went from (10, 5) to (9, 5)");
    }
}
