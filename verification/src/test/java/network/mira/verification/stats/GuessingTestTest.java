package network.mira.verification.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuessingTestTest {

    /** P(X <= k) * (10^6)^n by another route: binomial coefficients from factorials, powers from scratch. */
    static BigInteger directNumerator(int n, int k, int floorPpm) {
        BigInteger a = BigInteger.valueOf(floorPpm);
        BigInteger b = BigInteger.valueOf(1_000_000 - floorPpm);
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i <= k; i++) {
            BigInteger choose = factorial(n).divide(factorial(i).multiply(factorial(n - i)));
            sum = sum.add(choose.multiply(a.pow(i)).multiply(b.pow(n - i)));
        }
        return sum;
    }

    static BigInteger factorial(int n) {
        BigInteger result = BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            result = result.multiply(BigInteger.valueOf(i));
        }
        return result;
    }

    /** Critical values computed independently with Python's fractions.Fraction and math.comb. */
    @ParameterizedTest
    @CsvSource({"200,700000,1000,118", "100,700000,1000,54", "50,700000,1000,24", "200,500000,1000,77",
            "1000,700000,1000,654", "10,500000,1000,0", "20,900000,10,10"})
    void criticalValuesMatchAnIndependentExactComputation(int n, int floorPpm, int alphaPpm, int critical) {
        GuessingTest test = new GuessingTest(floorPpm, alphaPpm);
        assertThat(test.criticalAgreements(n)).isEqualTo(critical);
        assertThat(test.rejects(n, critical)).isTrue();
        if (critical < n) {
            assertThat(test.rejects(n, critical + 1)).isFalse();
        }
    }

    @Property(tries = 300)
    void cdfEqualsDirectSummationOfFractions(@ForAll @IntRange(min = 1, max = 120) int n,
                                             @ForAll @IntRange(min = 0, max = 120) int kRaw,
                                             @ForAll @IntRange(min = 1, max = 999_999) int floorPpm) {
        int k = kRaw % (n + 1);
        assertThat(new GuessingTest(floorPpm, 1_000).cdfNumerator(n, k)).isEqualTo(directNumerator(n, k, floorPpm));
    }

    @Property(tries = 100)
    void fewerAgreementsNeverRejectLess(@ForAll @IntRange(min = 1, max = 100) int n,
                                        @ForAll @IntRange(min = 1, max = 999_999) int floorPpm,
                                        @ForAll @IntRange(min = 1, max = 999_999) int alphaPpm) {
        GuessingTest test = new GuessingTest(floorPpm, alphaPpm);
        int critical = test.criticalAgreements(n);
        for (int k = 0; k <= n; k++) {
            assertThat(test.rejects(n, k)).as("k=%d critical=%d", k, critical).isEqualTo(k <= critical);
        }
    }

    @Test
    void equalityRejects() {
        // P(X <= 0 | n = 1, p0 = 1/2) is exactly 1/2.
        assertThat(new GuessingTest(500_000, 500_000).rejects(1, 0)).isTrue();
        assertThat(new GuessingTest(500_000, 499_999).rejects(1, 0)).isFalse();
        // P(X <= 0 | n = 10, p0 = 1/2) = 1/1024 = 976.5625 ppm.
        assertThat(new GuessingTest(500_000, 977).rejects(10, 0)).isTrue();
        assertThat(new GuessingTest(500_000, 976).rejects(10, 0)).isFalse();
    }

    @Test
    void fullAgreementNeverRejectsAndShortWindowsMayRejectNothing() {
        GuessingTest test = new GuessingTest(700_000, 1_000);
        assertThat(test.rejects(1_000, 1_000)).isFalse();
        // 0.3^5 = 0.00243 > 0.001: five claims cannot prove guessing at this floor.
        assertThat(test.criticalAgreements(5)).isEqualTo(-1);
        assertThat(test.criticalAgreements(6)).isZero();
    }

    @Test
    void refusesOutOfRangeArguments() {
        GuessingTest test = new GuessingTest(700_000, 1_000);
        assertThatThrownBy(() -> test.rejects(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> test.rejects(1_001, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> test.rejects(10, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> test.rejects(10, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GuessingTest(0, 1_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GuessingTest(1_000_000, 1_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GuessingTest(700_000, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
