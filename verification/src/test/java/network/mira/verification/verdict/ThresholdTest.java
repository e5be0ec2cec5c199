package network.mira.verification.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ThresholdTest {
    @Test
    void twoThirdsBoundary() {
        assertThat(Threshold.reaches(6_667, 10_000, 6_667)).isTrue();
        assertThat(Threshold.reaches(6_666, 10_000, 6_667)).isFalse();
        assertThat(Threshold.reaches(2, 3, 6_667)).isFalse(); // 20000 < 20001
        assertThat(Threshold.reaches(3, 3, 10_000)).isTrue();
    }

    @Test
    void verdictNeedsTheThresholdOtherwiseInconclusive() {
        assertThat(Threshold.verdict(70, 30, 100, 6_667)).isEqualTo(FinalVerdict.TRUE);
        assertThat(Threshold.verdict(0, 67, 100, 6_667)).isEqualTo(FinalVerdict.FALSE);
        assertThat(Threshold.verdict(66, 0, 100, 6_667)).isEqualTo(FinalVerdict.INCONCLUSIVE);
    }

    @Test
    void thresholdMustBeAMajority() {
        assertThatThrownBy(() -> Threshold.reaches(1, 2, 5_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Threshold.reaches(1, 2, 10_001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 2000)
    void agreesWithBigIntegerEvenForHugeStakes(@ForAll @LongRange(min = 0) long stake,
                                               @ForAll @LongRange(min = 1) long committee,
                                               @ForAll @IntRange(min = 5_001, max = 10_000) int bps) {
        boolean expected = BigInteger.valueOf(stake).multiply(BigInteger.valueOf(10_000))
                .compareTo(BigInteger.valueOf(committee).multiply(BigInteger.valueOf(bps))) >= 0;
        assertThat(Threshold.reaches(stake, committee, bps)).isEqualTo(expected);
    }
}
