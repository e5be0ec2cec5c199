package network.mira.verification.committee;

import static network.mira.verification.committee.CommitteeFixtures.VECTOR_BLOCK_HASH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DrawStreamTest {

    /** Computed independently with Python's hashlib, as docs/verification.md shows. */
    @Test
    void theStreamMatchesTheDocumentedVector() {
        DrawStream stream = new DrawStream(VECTOR_BLOCK_HASH, 7, 0);
        assertThat(stream.nextValue()).isEqualTo(0x8ceaf2855beaabd9L);
        assertThat(stream.nextValue()).isEqualTo(0xca753bded4c44140L);
        assertThat(stream.nextValue()).isEqualTo(0x66e488c926448c83L);
    }

    @Test
    void claimIndexAndRoundSelectDifferentStreams() {
        long base = new DrawStream(VECTOR_BLOCK_HASH, 7, 0).nextValue();
        assertThat(new DrawStream(VECTOR_BLOCK_HASH, 8, 0).nextValue()).isNotEqualTo(base);
        assertThat(new DrawStream(VECTOR_BLOCK_HASH, 7, 1).nextValue()).isNotEqualTo(base);
        assertThat(new DrawStream(CommitteeFixtures.blockHash(0), 7, 0).nextValue()).isNotEqualTo(base);
    }

    /** The discarded values are exactly 2^64 mod bound, so the kept ones are whole runs of bound. */
    @Test
    void discardBelowIsTwoToTheSixtyFourModuloTheBound() {
        assertThat(DrawStream.discardBelow(1)).isZero();
        assertThat(DrawStream.discardBelow(3)).isEqualTo(1);
        assertThat(DrawStream.discardBelow(10)).isEqualTo(6); // 18446744073709551616 ends in 6
        assertThat(DrawStream.discardBelow(1L << 62)).isZero();
        assertThat(DrawStream.discardBelow(Long.MAX_VALUE)).isEqualTo(2); // 2^64 = 2 * (2^63 - 1) + 2
        assertThat(DrawStream.discardBelow(1_000_000_007L)).isEqualTo(582_344_008L);
    }

    @Property(tries = 500)
    void valuesAreBelowTheBound(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long bound,
                                @ForAll @LongRange(min = 0, max = 1000) long claim) {
        DrawStream stream = new DrawStream(VECTOR_BLOCK_HASH, (int) claim, 0);
        for (int i = 0; i < 8; i++) {
            assertThat(stream.nextBelow(bound)).isBetween(0L, bound - 1);
        }
    }

    @Test
    void aNonPositiveBoundIsAProgrammingError() {
        DrawStream stream = new DrawStream(VECTOR_BLOCK_HASH, 0, 0);
        assertThatThrownBy(() -> stream.nextBelow(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DrawStream(VECTOR_BLOCK_HASH, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
