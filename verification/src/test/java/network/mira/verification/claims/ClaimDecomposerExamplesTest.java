package network.mira.verification.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ClaimDecomposerExamplesTest {

    static final List<ClaimExamples.Example> EXAMPLES = ClaimExamples.ALL;

    @ParameterizedTest(name = "{0}")
    @FieldSource("EXAMPLES")
    void decomposesAsDocumented(ClaimExamples.Example example) throws ClaimsRefusedException {
        List<Claim> claims = ClaimDecomposer.decompose(example.text());

        assertThat(claims).extracting(Claim::text).containsExactlyElementsOf(example.claims());
        assertThat(claims).extracting(Claim::index)
                .containsExactlyElementsOf(IntStream.range(0, claims.size()).boxed().toList());
        assertThat(claims).allSatisfy(claim -> assertThat(claim.hash()).isEqualTo(Claim.hashOf(claim.text())));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("EXAMPLES")
    void theClaimsAsExplicitClaimsAreTheSameClaims(ClaimExamples.Example example) throws ClaimsRefusedException {
        assertThat(ClaimDecomposer.fromExplicitClaims(example.claims()))
                .isEqualTo(ClaimDecomposer.decompose(example.text()));
    }
}
