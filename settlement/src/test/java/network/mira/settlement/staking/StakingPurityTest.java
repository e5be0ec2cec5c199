package network.mira.settlement.staking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Staking decides consensus (the validator set, balances): no clock, randomness, I/O, hash ordering or floats. */
class StakingPurityTest {
    private static final List<String> FORBIDDEN = List.of("java.time", "java.util.Random", "SecureRandom",
            "java.io", "java.nio", "java.net", "java.util.concurrent", "Thread", "System.currentTimeMillis",
            "System.nanoTime", "Math.random", "HashMap", "HashSet", "org.slf4j");
    private static final Pattern FLOATING_POINT = Pattern.compile("\\b(float|double|Float|Double)\\s+\\w+\\s*[=;,)]"
            + "|\\(\\s*(float|double)\\s*\\)|\\d\\.\\d+[fFdD]?\\b");

    @Test
    void stakingImportsNoClockRandomnessIoHashOrderOrFloatingPoint() throws IOException {
        Path sources = Path.of("src/main/java/network/mira/settlement/staking");
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.list(sources)) {
            List<Path> javaFiles = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(javaFiles).hasSizeGreaterThan(10);
            for (Path file : javaFiles) {
                String source = Files.readString(file);
                for (String forbidden : FORBIDDEN) {
                    if (source.contains(forbidden)) {
                        offences.add(file.getFileName() + " uses " + forbidden);
                    }
                }
                if (FLOATING_POINT.matcher(source).find()) {
                    offences.add(file.getFileName() + " uses floating point");
                }
            }
        }
        assertThat(offences).isEmpty();
    }
}
