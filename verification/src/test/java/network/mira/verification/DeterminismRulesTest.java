package network.mira.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Claims, committees, the commit–reveal rule, certificates, verdicts and the guessing test decide what
 * every node records, and the simulation must replay exactly, so their sources may not use anything whose
 * result can differ between machines or JDKs: clock, randomness, I/O, hash-order collections, floating
 * point, the default locale or charset, Unicode normalization or the JDK's Unicode character tables.
 */
class DeterminismRulesTest {
    private static final List<String> PACKAGES = List.of("claims", "committee", "attestation", "certificate",
            "verdict", "stats", "sim");
    private static final List<String> FORBIDDEN = List.of("java.time", "java.util.Random", "SecureRandom",
            "Math.random", "java.io", "java.nio.file", "java.net", "java.util.concurrent", "Thread",
            "System.", "HashMap", "HashSet", "java.text", "equalsIgnoreCase", "compareToIgnoreCase", "Pattern",
            ".strip(", ".isBlank(", ".trim(", ".matches(", ".replaceAll(", "org.slf4j");
    private static final Pattern FLOATING_POINT = Pattern.compile("\\b(float|double|Float|Double)\\b|\\d\\.\\d+[fFdD]?\\b");
    /** The JDK's Unicode tables; only the fixed UTF-16 surrogate ranges are allowed. */
    private static final Pattern UNICODE_TABLES = Pattern.compile(
            "Character\\.(?!(isHighSurrogate|isLowSurrogate|isSurrogate|toString)\\()\\w+");
    private static final Pattern DEFAULT_LOCALE_OR_CHARSET = Pattern.compile(
            "(?<!Ascii)\\.to(Lower|Upper)Case\\(|getBytes\\(\\)|String\\.format\\((?!Locale\\.ROOT)|\\.formatted\\(");
    /** String.split takes a regular expression (our splitters are named *Splitter); Normalizer follows the JDK's Unicode. */
    private static final Pattern REGEX_OR_NORMALIZER = Pattern.compile("(?<!Splitter)\\.split\\(|\\bNormalizer\\b");

    @Test
    void claimsAndCommitteesUseNothingThatDiffersBetweenMachines() throws IOException {
        List<String> offences = new ArrayList<>();
        int files = 0;
        for (String name : PACKAGES) {
            try (Stream<Path> sources = Files.list(Path.of("src/main/java/network/mira/verification", name))) {
                for (Path file : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    String source = withoutComments(Files.readString(file));
                    for (String forbidden : FORBIDDEN) {
                        if (source.contains(forbidden)) {
                            offences.add(file.getFileName() + " uses " + forbidden);
                        }
                    }
                    for (Pattern pattern : List.of(FLOATING_POINT, UNICODE_TABLES, DEFAULT_LOCALE_OR_CHARSET,
                            REGEX_OR_NORMALIZER)) {
                        var matcher = pattern.matcher(source);
                        while (matcher.find()) {
                            offences.add(file.getFileName() + " uses " + matcher.group());
                        }
                    }
                }
            }
        }
        assertThat(files).isGreaterThan(15);
        assertThat(offences).isEmpty();
    }

    /** Comments explain what the code avoids and may name it. */
    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }
}
