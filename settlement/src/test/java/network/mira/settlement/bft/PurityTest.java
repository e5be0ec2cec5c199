package network.mira.settlement.bft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The consensus core stays pure: no clock, randomness, threads or I/O (the simulator may use a seeded PRNG). */
class PurityTest {
    private static final List<String> FORBIDDEN = List.of("java.time", "java.util.Random", "java.util.SplittableRandom",
            "java.security.SecureRandom", "java.io", "java.nio", "java.net", "java.util.concurrent", "Thread",
            "System.currentTimeMillis", "System.nanoTime", "org.slf4j");

    @Test
    void coreImportsNoClockRandomnessThreadsOrIo() throws IOException {
        Path core = Path.of("src/main/java/network/mira/settlement/bft");
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.list(core)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(sources).hasSizeGreaterThan(10);
            for (Path file : sources) {
                String source = Files.readString(file);
                for (String forbidden : FORBIDDEN) {
                    if (source.contains(forbidden)) {
                        offences.add(file.getFileName() + " uses " + forbidden);
                    }
                }
            }
        }
        assertThat(offences).isEmpty();
    }
}
