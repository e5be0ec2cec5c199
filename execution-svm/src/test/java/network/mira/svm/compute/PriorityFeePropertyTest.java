package network.mira.svm.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import network.mira.svm.program.InstructionDecodeException;

/** The fee arithmetic against a plain BigInteger reference, across the whole u64 price range. */
class PriorityFeePropertyTest {

    @Property(tries = 5_000)
    void priorityFeeIsTheCeilingOfPriceTimesUnitsOverAMillion(@ForAll("prices") long price,
                                                               @ForAll("units") long units) throws Exception {
        BigInteger micro = new BigInteger(Long.toUnsignedString(price)).multiply(BigInteger.valueOf(units));
        BigInteger[] divided = micro.divideAndRemainder(BigInteger.valueOf(1_000_000));
        BigInteger expected = divided[1].signum() == 0 ? divided[0] : divided[0].add(BigInteger.ONE);
        if (expected.bitLength() < 64) {
            assertThat(ComputeBudgetRequest.priorityFee(price, units)).isEqualTo(expected.longValueExact());
        } else {
            assertThatThrownBy(() -> ComputeBudgetRequest.priorityFee(price, units))
                    .isInstanceOf(InstructionDecodeException.class);
        }
    }

    @Provide
    Arbitrary<Long> prices() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(0, 10_000_000),
                Arbitraries.of(0L, 1L, 999_999L, 1_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, -1L));
    }

    @Provide
    Arbitrary<Long> units() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 1_400_000),
                Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.of(0L, 1L, 1_000_000L, 1_400_000L));
    }
}
