package network.mira.verification.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OracleVerifierTest {
    private static final int CLAIMS = 20_000;
    /** Even-numbered claims are true. */
    private static final Predicate<String> TRUTH = claim -> Integer.parseInt(claim.substring(6)) % 2 == 0;

    @Test
    void theSameSeedGivesTheSameAnswers() {
        OracleVerifier a = new OracleVerifier(TRUTH, 7_000, 42);
        OracleVerifier b = new OracleVerifier(TRUTH, 7_000, 42);
        OracleVerifier other = new OracleVerifier(TRUTH, 7_000, 43);
        int differences = 0;
        for (int i = 0; i < 1_000; i++) {
            assertThat(a.answer(claim(i))).isEqualTo(b.answer(claim(i))).isEqualTo(a.answer(claim(i)));
            differences += a.answer(claim(i)).equals(other.answer(claim(i))) ? 0 : 1;
        }
        assertThat(differences).as("another seed errs on other claims").isGreaterThan(100);
    }

    @ParameterizedTest
    @ValueSource(ints = {5_000, 8_000, 9_500})
    void accuracyHoldsOver20000Claims(int accuracyBps) {
        OracleVerifier oracle = new OracleVerifier(TRUTH, accuracyBps, 7);
        int correct = 0;
        for (int i = 0; i < CLAIMS; i++) {
            Verdict truth = TRUTH.test(claim(i)) ? Verdict.TRUE : Verdict.FALSE;
            correct += oracle.answer(claim(i)).verdict().orElseThrow() == truth ? 1 : 0;
        }
        // One standard deviation is at most sqrt(20000 / 4) ≈ 71 answers; allow about 5.
        assertThat(correct).isBetween(CLAIMS * accuracyBps / 10_000 - 350, CLAIMS * accuracyBps / 10_000 + 350);
    }

    @Test
    void theEdgesAreExact() {
        OracleVerifier always = new OracleVerifier(TRUTH, 10_000, 1);
        OracleVerifier never = new OracleVerifier(TRUTH, 0, 1);
        for (int i = 0; i < 1_000; i++) {
            Verdict truth = TRUTH.test(claim(i)) ? Verdict.TRUE : Verdict.FALSE;
            assertThat(always.answer(claim(i)).verdict()).contains(truth);
            assertThat(never.answer(claim(i)).verdict()).contains(truth == Verdict.TRUE ? Verdict.FALSE : Verdict.TRUE);
        }
    }

    @Test
    void theDrawIsTheDocumentedFormula() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update("mira-oracle-v1".getBytes(StandardCharsets.US_ASCII));
        sha256.update(ByteBuffer.allocate(8).putLong(-5L).array());
        sha256.update("Paris is the capital of France.".getBytes(StandardCharsets.UTF_8));
        byte[] first8 = java.util.Arrays.copyOf(sha256.digest(), 8);
        int expected = new BigInteger(1, first8).mod(BigInteger.valueOf(10_000)).intValue();
        assertThat(OracleVerifier.draw(-5L, "Paris is the capital of France.")).isEqualTo(expected);
    }

    @Test
    void accuracyIsInBasisPoints() {
        assertThatThrownBy(() -> new OracleVerifier(TRUTH, 10_001, 1))
                .hasMessage("accuracyBps must be between 0 and 10000, got 10001");
        assertThatThrownBy(() -> new OracleVerifier(TRUTH, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void judgeCompletesAtOnce() {
        assertThat(new OracleVerifier(TRUTH, 10_000, 1).judge(claim(2))).isCompletedWithValue(Judgement.of(Verdict.TRUE));
    }

    private static String claim(int i) {
        return "claim " + i;
    }
}
