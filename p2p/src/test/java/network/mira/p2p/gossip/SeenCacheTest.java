package network.mira.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import network.mira.core.crypto.Hash;
import org.junit.jupiter.api.Test;

class SeenCacheTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private static Hash id(int i) {
        return Hash.sha256(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void firstSightingOnlyAndDuplicatesCounted() {
        SeenCache cache = new SeenCache(10, meters);
        assertThat(cache.markSeen(id(1))).isTrue();
        assertThat(cache.markSeen(id(1))).isFalse();
        assertThat(cache.markSeen(id(1).bytes())).isFalse();
        assertThat(meters.counter("mira_p2p_gossip_duplicates").count()).isEqualTo(2);
    }

    @Test
    void boundedEvictingTheLeastRecentlySeen() {
        SeenCache cache = new SeenCache(3, meters);
        cache.markSeen(id(1));
        cache.markSeen(id(2));
        cache.markSeen(id(3));
        cache.markSeen(id(1)); // refreshes 1
        cache.markSeen(id(4)); // evicts 2
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.contains(id(2).bytes())).isFalse();
        assertThat(cache.contains(id(1).bytes())).isTrue();
    }

    @Test
    void concurrentSightingsAdmitEachIdExactlyOnce() {
        SeenCache cache = new SeenCache(100_000, meters);
        AtomicInteger firsts = new AtomicInteger();
        IntStream.range(0, 40_000).parallel().forEach(i -> {
            if (cache.markSeen(id(i % 10_000))) {
                firsts.incrementAndGet();
            }
        });
        assertThat(firsts.get()).isEqualTo(10_000);
        assertThat(meters.counter("mira_p2p_gossip_duplicates").count()).isEqualTo(30_000);
    }
}
