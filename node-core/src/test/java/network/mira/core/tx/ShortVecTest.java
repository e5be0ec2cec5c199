package network.mira.core.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShortVecTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0, 00", "1, 01", "127, 7f", "128, 8001", "255, ff01", "16383, ff7f", "16384, 808001",
            "65535, ffff03"})
    void encodesLikeSolana(int value, String hex) throws WireFormatException {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertThat(ShortVec.encode(value)).isEqualTo(bytes);
        assertThat(ShortVec.encodedLength(value)).isEqualTo(bytes.length);
        assertThat(ShortVec.decode(bytes, 0)).isEqualTo(new ShortVec.Decoded(value, bytes.length));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "8000   | non-canonical compact-u16 compact-u16 at offset 0: byte 1 is a redundant zero",
        "808000 | non-canonical compact-u16 compact-u16 at offset 0: byte 2 is a redundant zero",
        "ff8000 | non-canonical compact-u16 compact-u16 at offset 0: byte 2 is a redundant zero",
        "808080 | compact-u16 compact-u16 at offset 0 is longer than 3 bytes",
        "ffff04 | compact-u16 compact-u16 at offset 0 exceeds 65535",
        "ffff7f | compact-u16 compact-u16 at offset 0 exceeds 65535",
        "80     | truncated: expected another byte of compact-u16 compact-u16 at offset 1, 0 left",
        "ffff   | truncated: expected another byte of compact-u16 compact-u16 at offset 2, 0 left",
    })
    void rejectsWhatSolanaRejects(String hex, String message) {
        assertThatThrownBy(() -> ShortVec.decode(HexFormat.of().parseHex(hex), 0))
                .isInstanceOf(WireFormatException.class).hasMessage(message);
    }

    @Test
    void namesTheFieldAndOffsetItWasReading() {
        assertThatThrownBy(() -> ShortVec.decode(HexFormat.of().parseHex("01028000"), 2, "account key count"))
                .hasMessage("non-canonical compact-u16 account key count at offset 2: byte 1 is a redundant zero");
    }

    @Test
    void refusesToEncodeOutOfRange() {
        assertThatThrownBy(() -> ShortVec.encode(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShortVec.encode(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void roundTripsEveryValue(@ForAll @IntRange(min = 0, max = 65535) int value) throws WireFormatException {
        byte[] encoded = ShortVec.encode(value);
        assertThat(encoded).hasSize(ShortVec.encodedLength(value));
        assertThat(ShortVec.decode(encoded, 0)).isEqualTo(new ShortVec.Decoded(value, encoded.length));
    }

    /** Canonical: whatever decodes must re-encode to exactly the bytes consumed. */
    @Property
    void everyAcceptedEncodingIsTheCanonicalOne(@ForAll @Size(min = 1, max = 4) byte[] bytes) {
        ShortVec.Decoded decoded;
        try {
            decoded = ShortVec.decode(bytes, 0);
        } catch (WireFormatException rejected) {
            return;
        }
        assertThat(ShortVec.encode(decoded.value())).isEqualTo(Arrays.copyOf(bytes, decoded.length()));
    }

    /** Padding a value with a continuation byte and a zero is the classic alias; it must fail. */
    @Property
    void rejectsPaddedEncodings(@ForAll @IntRange(min = 0, max = 16383) int value) {
        byte[] canonical = ShortVec.encode(value);
        byte[] padded = Arrays.copyOf(canonical, canonical.length + 1);
        padded[canonical.length - 1] |= (byte) 0x80;
        assertThatThrownBy(() -> ShortVec.decode(padded, 0)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("non-canonical");
    }
}
