package network.mira.verification.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import network.mira.verification.verifier.CircuitBreaker.State;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final CircuitBreaker breaker = new CircuitBreaker(3, 100, now::get);

    @Test
    void opensAfterTheThresholdOfConsecutiveFailures() {
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.onFailure()).isFalse();
        assertThat(breaker.onFailure()).isFalse();
        assertThat(breaker.isOpen()).isFalse();
        assertThat(breaker.onFailure()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.isOpen()).isTrue();
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void aSuccessResetsTheCount() {
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.onSuccess()).isFalse();
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void afterTheCooldownExactlyOneTrialGoesThrough() {
        open();
        now.addAndGet(99);
        assertThat(breaker.tryAcquire()).isFalse();
        now.addAndGet(1);
        assertThat(breaker.isOpen()).isFalse();
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.isOpen()).isTrue();
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.onSuccess()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aFailedTrialOpensForAnotherCooldown() {
        open();
        now.addAndGet(100);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.onFailure()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        now.addAndGet(99);
        assertThat(breaker.tryAcquire()).isFalse();
        now.addAndGet(1);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void lateFailuresDoNotExtendTheCooldown() {
        open();
        now.addAndGet(60);
        assertThat(breaker.onFailure()).isFalse();
        now.addAndGet(40);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }
}
