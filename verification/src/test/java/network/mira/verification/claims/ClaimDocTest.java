package network.mira.verification.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** docs/verification.md must carry the examples table exactly as {@link ClaimExamples} holds it. */
class ClaimDocTest {
    private static final Path DOC = Path.of("..", "docs", "verification.md");

    @Test
    void theDocumentedExamplesAreTheTestedOnes() throws IOException {
        String expected = table();
        assertThat(Files.readString(DOC)).as("regenerate the table in %s from this:%n%s", DOC, expected)
                .contains(expected);
    }

    @Test
    void theDocumentedLimitsAreTheConstants() throws IOException {
        String doc = Files.readString(DOC);
        assertThat(doc).contains("| Text | " + format(ClaimLimits.MAX_TEXT_BYTES) + " UTF-8 bytes |",
                "| Claims per request | " + ClaimLimits.MAX_CLAIMS + " |",
                "| Claim | " + format(ClaimLimits.MAX_CLAIM_BYTES) + " UTF-8 bytes |");
        assertThat(doc).contains(String.join(", ", Abbreviations.WORDS.stream().map(w -> "`" + w + ".`").toList()));
    }

    /** One row per example; in the text column a line break is written {@code \n} and a tab {@code \t}. */
    static String table() {
        StringBuilder out = new StringBuilder("| Text | Claims | Rule shown |\n|---|---|---|\n");
        for (ClaimExamples.Example example : ClaimExamples.ALL) {
            String text = example.text().replace("\n", "\\n").replace("\t", "\\t");
            out.append("| `").append(text).append("` | ")
                    .append(String.join("<br>", example.claims().stream().map(c -> "`" + c + "`").toList()))
                    .append(" | ").append(example.rule()).append(" |\n");
        }
        return out.toString();
    }

    private static String format(int number) {
        return number < 1000 ? Integer.toString(number)
                : number / 1000 + "," + String.format(Locale.ROOT, "%03d", number % 1000);
    }
}
