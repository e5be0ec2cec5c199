package network.mira.p2p.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    @Test
    void allowsTheBurstThenTheRate() {
        AtomicLong now = new AtomicLong(123);
        TokenBucket bucket = new TokenBucket(10, 3, now::get);
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isFalse();
        now.addAndGet(100_000_000); // 0.1 s = one token at 10/s
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isFalse();
        now.addAndGet(60_000_000_000L); // long idle: refills to the burst, no more
        int taken = 0;
        while (bucket.tryTake()) {
            taken++;
        }
        assertThat(taken).isEqualTo(3);
    }

    @Test
    void clockGoingBackwardsAddsNothing() {
        AtomicLong now = new AtomicLong(1_000_000_000);
        TokenBucket bucket = new TokenBucket(1, 1, now::get);
        assertThat(bucket.tryTake()).isTrue();
        now.set(0);
        assertThat(bucket.tryTake()).isFalse();
    }
}
