package network.mira.verification.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnowledgeBaseVerifierTest {
    private static final String FACTS = """
            # capitals
            TRUE\tParis is the capital of France.
            FALSE\tSydney is the capital of Australia

              # an indented comment
            TRUE\tC# is a programming language.
            """;

    @TempDir
    Path dir;

    @Test
    void listedClaimsMatchAfterNormalizationAndOthersAreUncertain() throws Exception {
        KnowledgeBaseVerifier kb = parse(FACTS);
        assertThat(kb.size()).isEqualTo(3);
        assertThat(kb.lookup("Paris is the capital of France.")).isEqualTo(Judgement.of(Verdict.TRUE));
        assertThat(kb.lookup("  paris IS the   capital of\tfrance!")).isEqualTo(Judgement.of(Verdict.TRUE));
        assertThat(kb.lookup("Sydney is the capital of Australia.")).isEqualTo(Judgement.of(Verdict.FALSE));
        assertThat(kb.lookup("c# is a programming language")).isEqualTo(Judgement.of(Verdict.TRUE));
        assertThat(kb.lookup("Paris is the capital of Italy.")).isEqualTo(Judgement.of(Verdict.UNCERTAIN));
        assertThat(kb.lookup("Paris is the capital of France, obviously")).isEqualTo(Judgement.of(Verdict.UNCERTAIN));
        assertThat(kb.lookup("")).isEqualTo(Judgement.of(Verdict.UNCERTAIN));
        assertThat(kb.judge("Paris is the capital of France").join()).isEqualTo(Judgement.of(Verdict.TRUE));
    }

    @Test
    void crlfLineEndingsAndAByteOrderMarkAreAccepted() throws Exception {
        byte[] text = "\uFEFFTRUE\tA\r\nFALSE\tB\r\n".getBytes(StandardCharsets.UTF_8);
        KnowledgeBaseVerifier kb = KnowledgeBaseVerifier.parse("crlf.txt", text);
        assertThat(kb.lookup("a")).isEqualTo(Judgement.of(Verdict.TRUE));
        assertThat(kb.lookup("b")).isEqualTo(Judgement.of(Verdict.FALSE));
    }

    @Test
    void theSameFactTwiceIsFine() throws Exception {
        assertThat(parse("TRUE\tWater is wet\nTRUE\twater is wet.\n").size()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "'TRUE\\tok\\nTRUE claim with a space\\n' | 2 | expected TRUE or FALSE, a tab, then the claim",
        "'# c\\n\\nTrue\\tclaim\\n' | 3 | expected TRUE or FALSE before the tab, got 'True'",
        "'UNCERTAIN\\tclaim\\n' | 1 | expected TRUE or FALSE before the tab, got 'UNCERTAIN'",
        "' TRUE\\tclaim\\n' | 1 | expected TRUE or FALSE before the tab, got ' TRUE'",
        "'TRUE\\tok\\nFALSE\\t . \\n' | 2 | no claim after the tab",
        "'TRUE\\tThe sky is blue\\n#\\nFALSE\\tthe sky is blue!\\n' | 3 | says FALSE but line 1 says TRUE for the same claim",
    })
    void aMalformedLineRefusesTheWholeFile(String escaped, int line, String reason) {
        String text = escaped.replace("\\t", "\t").replace("\\n", "\n");
        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(KnowledgeFileException.class, e -> {
                    assertThat(e.lineNumber()).isEqualTo(line);
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isEqualTo("facts.txt:" + line + ": " + reason);
                });
    }

    @Test
    void invalidUtf8IsRefusedWithItsLine() {
        byte[] text = {'T', 'R', 'U', 'E', '\t', 'a', '\n', 'T', 'R', 'U', 'E', '\t', (byte) 0xC3, '(', '\n'};
        assertThatThrownBy(() -> KnowledgeBaseVerifier.parse("latin1.txt", text))
                .hasMessage("latin1.txt:2: not valid UTF-8");
    }

    @Test
    void anOverlongLineIsRefused() {
        String text = "TRUE\t" + "x".repeat(KnowledgeFile.MAX_LINE_CHARS) + "\n";
        assertThatThrownBy(() -> parse(text)).hasMessage("facts.txt:1: longer than 10000 characters");
    }

    @Test
    void filesAreLoadedByPathAndAMissingOneIsNamed() throws Exception {
        Path file = dir.resolve("facts.txt");
        Files.writeString(file, FACTS);
        KnowledgeBaseVerifier kb = KnowledgeBaseVerifier.load(file);
        assertThat(kb.source()).isEqualTo(file.toString());
        assertThat(kb.lookup("paris is the capital of france")).isEqualTo(Judgement.of(Verdict.TRUE));

        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> KnowledgeBaseVerifier.load(missing))
                .isInstanceOf(KnowledgeFileException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void theSampleLoadsFromTheClasspath() {
        KnowledgeBaseVerifier sample = KnowledgeBaseVerifier.sample();
        assertThat(sample.size()).isBetween(25, 40);
        assertThat(sample.source()).isEqualTo("classpath:/verification/sample-knowledge.txt");
        assertThat(sample.lookup("Paris is the capital of France.")).isEqualTo(Judgement.of(Verdict.TRUE));
        assertThat(sample.lookup("The Sun orbits the Earth.")).isEqualTo(Judgement.of(Verdict.FALSE));
        assertThat(sample.lookup("The Moon is made of cheese.")).isEqualTo(Judgement.of(Verdict.UNCERTAIN));
    }

    @Test
    void theSampleHasAFewFalseFacts() throws IOException {
        try (var in = KnowledgeBaseVerifier.class.getResourceAsStream(KnowledgeBaseVerifier.SAMPLE_RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            long falseFacts = text.lines().filter(l -> l.startsWith("FALSE\t")).count();
            assertThat(falseFacts).isBetween(3L, 12L);
        }
    }

    @Test
    void aClosedVerifierAbstains() throws Exception {
        KnowledgeBaseVerifier kb = parse(FACTS);
        kb.close();
        assertThat(kb.lookup("Paris is the capital of France").abstainReason()).contains(AbstainReason.CLOSED);
    }

    private static KnowledgeBaseVerifier parse(String text) throws KnowledgeFileException {
        return KnowledgeBaseVerifier.parse("facts.txt", text.getBytes(StandardCharsets.UTF_8));
    }
}
