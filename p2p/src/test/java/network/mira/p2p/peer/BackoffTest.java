package network.mira.p2p.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));

    @Test
    void doublesUntilTheCap() {
        assertThat(backoff.delay(0, 0.999999)).isCloseTo(Duration.ofMillis(100), Duration.ofMillis(1));
        assertThat(backoff.delay(1, 0.999999)).isCloseTo(Duration.ofMillis(200), Duration.ofMillis(1));
        assertThat(backoff.delay(3, 0.0)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(20, 0.0)).isEqualTo(Duration.ofSeconds(5));
    }

    @Property
    void jitteredDelayStaysWithinHalfAndFullOfTheCappedExponential(@ForAll @IntRange(min = 0, max = 1000) int attempt,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        long exponential = Math.min(10_000, 100L << Math.min(attempt, 20));
        Duration delay = backoff.delay(attempt, random);
        assertThat(delay.toMillis()).isBetween(exponential / 2, exponential);
    }
}
