package network.mira.verification.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

class ClaimDecomposerPropertyTest {

    /** Pieces that exercise every rule, so random texts hit abbreviations, quotes, markers and connectors. */
    private static final List<String> PIECES = List.of("Paris", "is", "in", "France", "a", "b", "x", "Dr", "e.g",
            "U.S", "etc", "F", "3", "14", "2024", "and", "but", "or", "so", "word", "é", "東京", "\uD83D\uDE00",
            " ", " ", " ", "  ", "\t", "\n", ".", ".", "..", "...", "!", "?", "?!", ",", ", and ", ", but ",
            ", or ", ";", ":", "\"", "'", "(", ")", "[", "]", "{", "}", "- ", "* ", "+ ", "1. ", "2) ", "123. ",
            "3.14", "example.com", "-", "#");
    /** Characters of 1, 2, 3 and 4 UTF-8 bytes. */
    private static final List<String> FILLERS = List.of("a", "é", "東", "\uD83D\uDE00");

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.of(PIECES).list().ofMaxSize(60).map(list -> String.join("", list));
        Arbitrary<String> characters = Arbitraries.strings()
                .withCharRange(' ', '~').withChars('\n', '\t', 'é', '東', '。', '\u00A0', '\u2026', '\u201C', '\u201D')
                .ofMaxLength(200);
        return Arbitraries.oneOf(pieces, pieces, characters);
    }

    @Property(tries = 3000)
    void theSameTextGivesTheSameClaims(@ForAll("texts") String text) {
        Object first = outcome(text);
        Object second = outcome(new String(text.toCharArray()));
        Statistics.label("outcome").collect(first instanceof String refusal ? refusal.split(":")[0] : "claims");
        assertThat(second).isEqualTo(first);
    }

    /** Claims written one per line decompose to themselves: the rules never split or change a claim again. */
    @Property(tries = 3000)
    void decomposingTheJoinedClaimsGivesTheSameClaims(@ForAll("texts") String text) throws ClaimsRefusedException {
        List<Claim> claims = claimsOrEmpty(text);
        Statistics.label("claims").collect(Math.min(claims.size(), 5));
        if (!claims.isEmpty()) {
            assertThat(ClaimDecomposer.decompose(joined(claims))).isEqualTo(claims);
            assertThat(ClaimDecomposer.fromExplicitClaims(texts(claims))).isEqualTo(claims);
        }
    }

    @Property(tries = 3000)
    void everyClaimIsNormalizedDistinctAndWithinLimits(@ForAll("texts") String text) {
        List<Claim> claims = claimsOrEmpty(text);
        assertThat(claims.size()).isLessThanOrEqualTo(ClaimLimits.MAX_CLAIMS);
        assertThat(texts(claims)).doesNotHaveDuplicates();
        for (int i = 0; i < claims.size(); i++) {
            Claim claim = claims.get(i);
            assertThat(claim.index()).isEqualTo(i);
            assertThat(claim.hash()).isEqualTo(Claim.hashOf(claim.text()));
            assertThat(ClaimNormalizer.normalize(claim.text())).isEqualTo(claim.text());
            assertThat(ClaimNormalizer.hasContent(claim.text())).isTrue();
            assertThat(claim.text()).doesNotContain("\n", "\t", "  ").doesNotStartWith(" ").doesNotEndWith(" ");
            assertThat(claim.text().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(ClaimLimits.MAX_CLAIM_BYTES);
        }
    }

    @Property(tries = 3000)
    void normalizingIsIdempotent(@ForAll("texts") String text) {
        String once = ClaimNormalizer.normalize(text);
        assertThat(ClaimNormalizer.normalize(once)).isEqualTo(once);
    }

    /** Filler of 1-, 2-, 3- and 4-byte characters brings the text to within a few bytes of the limit. */
    @Property(tries = 400)
    void theTextLimitHoldsExactlyAtTheBoundary(@ForAll("texts") String start,
                                               @ForAll @IntRange(min = -4, max = 4) int offset,
                                               @ForAll @IntRange(min = 0, max = 3) int filler) {
        String text = padToBytes(start, ClaimLimits.MAX_TEXT_BYTES + offset, FILLERS.get(filler));
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        boolean refusedAsTooLong = Objects.equals(outcome(text), "TEXT_TOO_LONG: text is " + bytes
                + " UTF-8 bytes, more than the " + ClaimLimits.MAX_TEXT_BYTES + " allowed");
        Statistics.label("over the limit").collect(bytes > ClaimLimits.MAX_TEXT_BYTES);
        assertThat(refusedAsTooLong).isEqualTo(bytes > ClaimLimits.MAX_TEXT_BYTES);
    }

    @Property(tries = 200)
    void theClaimLimitHoldsExactlyAtTheBoundary(@ForAll @IntRange(min = -4, max = 4) int offset,
                                                @ForAll @IntRange(min = 0, max = 3) int filler) {
        String claim = padToBytes("Claim ", ClaimLimits.MAX_CLAIM_BYTES + offset, FILLERS.get(filler));
        int bytes = claim.getBytes(StandardCharsets.UTF_8).length;
        Object outcome = outcome("Start. " + claim);
        if (bytes <= ClaimLimits.MAX_CLAIM_BYTES) {
            assertThat(outcome).isEqualTo(List.of("Start", claim));
        } else {
            assertThat((String) outcome).startsWith("CLAIM_TOO_LONG: claim 1 is " + bytes + " UTF-8 bytes");
        }
    }

    @Property(tries = 50)
    void theClaimCountLimitHoldsExactlyAtTheBoundary(@ForAll @IntRange(min = 1, max = 70) int count) {
        List<String> claims = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            claims.add("Claim " + i);
        }
        Object outcome = outcome(String.join(". ", claims));
        if (count <= ClaimLimits.MAX_CLAIMS) {
            assertThat(outcome).isEqualTo(claims);
        } else {
            assertThat((String) outcome).startsWith("TOO_MANY_CLAIMS");
        }
    }

    /** The claims' texts, or "REASON: message" when refused: equal outcomes mean equal refusals too. */
    private static Object outcome(String text) {
        try {
            return texts(ClaimDecomposer.decompose(text));
        } catch (ClaimsRefusedException refusal) {
            return refusal.reason() + ": " + refusal.getMessage();
        }
    }

    private static List<Claim> claimsOrEmpty(String text) {
        try {
            return ClaimDecomposer.decompose(text);
        } catch (ClaimsRefusedException refusal) {
            return List.of();
        }
    }

    private static List<String> texts(List<Claim> claims) {
        return claims.stream().map(Claim::text).toList();
    }

    private static String joined(List<Claim> claims) {
        return String.join("\n", texts(claims));
    }

    /** {@code start} then {@code filler} repeated, then 'a's so the UTF-8 length is exactly {@code bytes}. */
    private static String padToBytes(String start, int bytes, String filler) {
        StringBuilder text = new StringBuilder(start);
        int fillerBytes = filler.getBytes(StandardCharsets.UTF_8).length;
        int length = start.getBytes(StandardCharsets.UTF_8).length;
        while (length + fillerBytes <= bytes) {
            text.append(filler);
            length += fillerBytes;
        }
        return text.append("a".repeat(bytes - length)).toString();
    }
}
