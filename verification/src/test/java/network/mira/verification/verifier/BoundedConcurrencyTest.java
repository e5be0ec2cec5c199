package network.mira.verification.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedConcurrencyTest {
    private final List<String> started = new ArrayList<>();
    private final BoundedConcurrency<String> slots = new BoundedConcurrency<>(2, 1, started::add, Runnable::run);

    @Test
    void startsUpToTheLimitQueuesOneMoreAndRefusesTheRest() {
        assertThat(slots.submit("a")).isTrue();
        assertThat(slots.submit("b")).isTrue();
        assertThat(slots.submit("c")).isTrue();
        assertThat(slots.submit("d")).isFalse();
        assertThat(started).containsExactly("a", "b");
        assertThat(slots.waiting()).isEqualTo(1);

        slots.finished();
        assertThat(started).containsExactly("a", "b", "c");
        assertThat(slots.running()).isEqualTo(2);
        slots.finished();
        slots.finished();
        assertThat(slots.running()).isZero();
        assertThatThrownBy(slots::finished).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void drainingEmptiesTheQueue() {
        slots.submit("a");
        slots.submit("b");
        slots.submit("c");
        assertThat(slots.drainWaiting()).containsExactly("c");
        assertThat(slots.waiting()).isZero();
    }
}
