package network.mira.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class BigEndianTest {
    @Property(tries = 200)
    void roundTrips(@ForAll long value) {
        assertThat(BigEndian.readU64(BigEndian.u64(value))).isEqualTo(value);
    }

    @Property(tries = 200)
    void byteOrderIsUnsignedNumericOrder(@ForAll long a, @ForAll long b) {
        assertThat(Integer.signum(Arrays.compareUnsigned(BigEndian.u64(a), BigEndian.u64(b))))
                .isEqualTo(Integer.signum(Long.compareUnsigned(a, b)));
    }

    @Test
    void layoutIsMostSignificantByteFirst() {
        assertThat(BigEndian.u64(0x0102030405060708L)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(BigEndian.withU64Suffix(new byte[] {9}, 256)).containsExactly(9, 0, 0, 0, 0, 0, 0, 1, 0);
        assertThat(BigEndian.readU64(new byte[] {9, 0, 0, 0, 0, 0, 0, 1, 0}, 1)).isEqualTo(256);
    }

    @Test
    void rejectsWrongLengths() {
        assertThatThrownBy(() -> BigEndian.readU64(new byte[7])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BigEndian.readU64(new byte[8], 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
