package network.mira.verification.claims;

import static network.mira.verification.claims.ClaimLimits.MAX_CLAIMS;
import static network.mira.verification.claims.ClaimLimits.MAX_CLAIM_BYTES;
import static network.mira.verification.claims.ClaimLimits.MAX_TEXT_BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import network.mira.verification.claims.ClaimsRefusedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every refusal with its reason, and every limit exactly at its bound and one byte or claim past it. */
class ClaimDecomposerRefusalTest {

    @Test
    void emptyAndContentFreeTextsAreRefusedAsEmpty() {
        for (String text : List.of("", " \n\t ", "...", "- \n1. \n", "?!; ,")) {
            assertRefused(() -> ClaimDecomposer.decompose(text), Reason.EMPTY, "no claims");
        }
        assertRefused(() -> ClaimDecomposer.fromExplicitClaims(List.of()), Reason.EMPTY, "no claims");
        assertRefused(() -> ClaimDecomposer.fromExplicitClaims(List.of("", " . ")), Reason.EMPTY, "no claims");
    }

    @Test
    void aTextOfExactlyTheMaximumIsAcceptedAndOneByteMoreIsNot() throws ClaimsRefusedException {
        String text = sentences(MAX_TEXT_BYTES);
        assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(MAX_TEXT_BYTES);
        assertThat(ClaimDecomposer.decompose(text)).hasSizeLessThanOrEqualTo(MAX_CLAIMS);

        assertRefused(() -> ClaimDecomposer.decompose(text + " "), Reason.TEXT_TOO_LONG,
                "text is 8193 UTF-8 bytes, more than the 8192 allowed");
    }

    @Test
    void theTextLimitCountsUtf8BytesNotCharacters() throws ClaimsRefusedException {
        // "é" is 2 bytes and "😀" (a surrogate pair) is 4: 2,048 emoji fill the limit exactly.
        String emoji = "\uD83D\uDE00".repeat(MAX_TEXT_BYTES / 4);
        assertRefused(() -> ClaimDecomposer.decompose(emoji), Reason.CLAIM_TOO_LONG, "claim 0 is 8192 UTF-8 bytes");
        assertRefused(() -> ClaimDecomposer.decompose(emoji + "é"), Reason.TEXT_TOO_LONG, "text is 8194 UTF-8 bytes");
        String accented = "é\n".repeat(MAX_TEXT_BYTES / 3) + "ab";
        assertThat(accented.getBytes(StandardCharsets.UTF_8)).hasSize(MAX_TEXT_BYTES);
        assertRefused(() -> ClaimDecomposer.decompose(accented + "c"), Reason.TEXT_TOO_LONG, "8193");
    }

    @Test
    void aClaimOfExactlyTheMaximumIsAcceptedAndOneByteMoreIsNot() throws ClaimsRefusedException {
        String claim = "word ".repeat(MAX_CLAIM_BYTES / 5) + "ab";
        assertThat(claim.getBytes(StandardCharsets.UTF_8)).hasSize(MAX_CLAIM_BYTES);
        assertThat(ClaimDecomposer.decompose("First. " + claim + ".")).extracting(Claim::text)
                .containsExactly("First", claim);
        assertThat(ClaimDecomposer.fromExplicitClaims(List.of(claim))).extracting(Claim::text).containsExactly(claim);

        assertRefused(() -> ClaimDecomposer.decompose("First. " + claim + "c."), Reason.CLAIM_TOO_LONG,
                "claim 1 is 513 UTF-8 bytes, more than the 512 allowed: \"word word");
        assertRefused(() -> ClaimDecomposer.fromExplicitClaims(List.of(claim + "c")), Reason.CLAIM_TOO_LONG, "513");
    }

    @Test
    void theClaimLimitIsOnTheNormalizedClaim() throws ClaimsRefusedException {
        String claim = "word ".repeat(MAX_CLAIM_BYTES / 5) + "ab";
        String padded = "  " + claim.replace(" ", " \t ") + " !!! ";
        assertThat(ClaimDecomposer.fromExplicitClaims(List.of(padded))).extracting(Claim::text).containsExactly(claim);
    }

    @Test
    void exactlyTheMaximumNumberOfClaimsIsAcceptedAndOneMoreIsNot() throws ClaimsRefusedException {
        List<String> claims = numberedClaims(MAX_CLAIMS);
        assertThat(ClaimDecomposer.decompose(String.join("\n", claims))).hasSize(MAX_CLAIMS);
        assertThat(ClaimDecomposer.fromExplicitClaims(claims)).hasSize(MAX_CLAIMS);

        List<String> tooMany = numberedClaims(MAX_CLAIMS + 1);
        assertRefused(() -> ClaimDecomposer.decompose(String.join("\n", tooMany)), Reason.TOO_MANY_CLAIMS,
                "more than 64 claims; claim 64 is \"Claim 64\"");
        assertRefused(() -> ClaimDecomposer.fromExplicitClaims(tooMany), Reason.TOO_MANY_CLAIMS,
                "65 explicit claims, more than the 64 allowed");
    }

    @Test
    void repeatsDoNotCountTowardsTheClaimLimitOfAText() throws ClaimsRefusedException {
        List<String> claims = new ArrayList<>(numberedClaims(MAX_CLAIMS));
        claims.addAll(numberedClaims(MAX_CLAIMS));
        assertThat(ClaimDecomposer.decompose(String.join(". ", claims))).hasSize(MAX_CLAIMS);
    }

    @Test
    void explicitClaimsAreLimitedInTotalSize() throws ClaimsRefusedException {
        List<String> exact = List.of("a".repeat(MAX_CLAIM_BYTES), "b".repeat(MAX_TEXT_BYTES - MAX_CLAIM_BYTES));
        assertRefused(() -> ClaimDecomposer.fromExplicitClaims(exact), Reason.CLAIM_TOO_LONG, "claim 1");
        List<String> overTotal = new ArrayList<>();
        for (int i = 0; i < MAX_TEXT_BYTES / MAX_CLAIM_BYTES; i++) {
            overTotal.add(Character.toString('a' + i).repeat(MAX_CLAIM_BYTES));
        }
        assertThat(ClaimDecomposer.fromExplicitClaims(overTotal)).hasSize(MAX_TEXT_BYTES / MAX_CLAIM_BYTES);
        overTotal.add("x");
        assertRefused(() -> ClaimDecomposer.fromExplicitClaims(overTotal), Reason.TEXT_TOO_LONG,
                "explicit claims are 8193 UTF-8 bytes together, more than the 8192 allowed");
    }

    @ParameterizedTest
    @ValueSource(chars = {0x00, 0x01, 0x07, 0x08, 0x0B, 0x0C, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F})
    void controlCharactersOtherThanLineFeedAndTabAreRefused(char control) {
        String text = "Paris is in France." + control + " Berlin is in Germany.";
        assertRefused(() -> ClaimDecomposer.decompose(text), Reason.INVALID_TEXT,
                String.format(Locale.ROOT, "text: character U+%04X at UTF-16 index 19 is a control character",
                        (int) control));
        assertRefused(() -> ClaimDecomposer.fromExplicitClaims(List.of("ok", text)), Reason.INVALID_TEXT,
                "explicit claim 1: character");
    }

    @Test
    void carriageReturnIsRefusedSoCrLfTextMustBeConverted() {
        assertRefused(() -> ClaimDecomposer.decompose("One.\r\nTwo."), Reason.INVALID_TEXT, "U+000D at UTF-16 index 4");
    }

    @Test
    void unpairedSurrogatesAreRefusedAndPairsAccepted() throws ClaimsRefusedException {
        assertRefused(() -> ClaimDecomposer.decompose("Smile \uD83D."), Reason.INVALID_TEXT,
                "text: unpaired surrogate U+D83D at UTF-16 index 6");
        assertRefused(() -> ClaimDecomposer.decompose("Smile \uDE00\uD83D."), Reason.INVALID_TEXT,
                "unpaired surrogate U+DE00 at UTF-16 index 6");
        assertRefused(() -> ClaimDecomposer.decompose("Smile \uD83D"), Reason.INVALID_TEXT, "U+D83D at UTF-16 index 6");
        assertThat(ClaimDecomposer.decompose("Smile \uD83D\uDE00.")).extracting(Claim::text)
                .containsExactly("Smile \uD83D\uDE00");
    }

    @Test
    void lengthIsCheckedBeforeCharactersAndClaimsBeforeEmptiness() {
        String longAndInvalid = "\u0007" + "a".repeat(MAX_TEXT_BYTES);
        assertRefused(() -> ClaimDecomposer.decompose(longAndInvalid), Reason.TEXT_TOO_LONG, "8193");
        String tooLongThenTooMany = "x".repeat(MAX_CLAIM_BYTES + 1) + "\n" + String.join("\n", numberedClaims(70));
        assertRefused(() -> ClaimDecomposer.decompose(tooLongThenTooMany), Reason.CLAIM_TOO_LONG, "claim 0");
    }

    @Test
    void nullIsAProgrammingErrorNotARefusal() {
        assertThatThrownBy(() -> ClaimDecomposer.decompose(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClaimDecomposer.fromExplicitClaims(null)).isInstanceOf(IllegalArgumentException.class);
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> ClaimDecomposer.fromExplicitClaims(withNull))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Sentences "Fact number N is true." totalling exactly {@code bytes} bytes, padded with spaces. */
    private static String sentences(int bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() + 40 < bytes; i++) {
            text.append("Fact ").append(i % 60).append(" is true. ");
        }
        return text.append(" ".repeat(bytes - text.length())).toString();
    }

    private static List<String> numberedClaims(int count) {
        List<String> claims = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            claims.add("Claim " + i);
        }
        return claims;
    }

    private interface Refusable {
        void run() throws ClaimsRefusedException;
    }

    private static void assertRefused(Refusable call, Reason reason, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ClaimsRefusedException.class, refusal -> {
            assertThat(refusal.reason()).isEqualTo(reason);
            assertThat(refusal.getMessage()).contains(messagePart);
        });
    }
}
