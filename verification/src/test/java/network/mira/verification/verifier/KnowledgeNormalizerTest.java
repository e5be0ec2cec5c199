package network.mira.verification.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnowledgeNormalizerTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
        "Paris is the capital of France. | paris is the capital of france",
        "'  PARIS   is\tthe capital\nof France  ' | paris is the capital of france",
        "Is it raining?! | is it raining",
        "Wait ... ! | wait",
        "Pi is about 3.14. | pi is about 3.14",
        "The U.S. has 50 states. | the u.s. has 50 states",
        "Trailing ellipsis… | trailing ellipsis",
        "'He said \"yes.\"' | 'he said \"yes.\"'",
        "(a list) | (a list)",
        "ÉCOLE is French | École is french",
        "'a\u00a0b\u2003c' | a b c",
        "' . , ; ' | ''",
        "C# is a language | c# is a language",
    })
    void examples(String claim, String normalized) {
        assertThat(KnowledgeNormalizer.normalize(claim)).isEqualTo(normalized == null ? "" : normalized);
    }

    @org.junit.jupiter.api.Test
    void composedAndDecomposedAccentsMatch() {
        assertThat(KnowledgeNormalizer.normalize("Caf\u00e9")).isEqualTo(KnowledgeNormalizer.normalize("Cafe\u0301"));
    }

    @org.junit.jupiter.api.Test
    void onlyAsciiIsCaseFolded() {
        // Locale-independent: the Turkish dotted capital I is not folded, so no locale can change a match.
        assertThat(KnowledgeNormalizer.normalize("İstanbul")).isEqualTo("İstanbul");
        assertThat(KnowledgeNormalizer.normalize("ISTANBUL")).isEqualTo("istanbul");
    }

    @Property
    void normalizingIsIdempotent(@ForAll String claim) {
        String once = KnowledgeNormalizer.normalize(claim);
        assertThat(KnowledgeNormalizer.normalize(once)).isEqualTo(once);
    }
}
