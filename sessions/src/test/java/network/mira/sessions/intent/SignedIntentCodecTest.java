package network.mira.sessions.intent;

import static network.mira.sessions.intent.IntentFixtures.EXAMPLE_TEXT;
import static network.mira.sessions.intent.IntentFixtures.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import org.junit.jupiter.api.Test;

class SignedIntentCodecTest {
    private static SignedIntent example() {
        return new SignedIntent(EXAMPLE_TEXT, OWNER.publicKey(), OWNER.sign(EXAMPLE_TEXT.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theLayoutIsLengthTextOwnerSignature() throws DecodeException, IntentParseException {
        SignedIntent signed = example();
        byte[] bytes = SignedIntentCodec.encode(signed);
        assertThat(bytes).hasSize(2 + 668 + 32 + 64);
        assertThat(bytes[0] & 0xFF | (bytes[1] & 0xFF) << 8).isEqualTo(668);
        assertThat(Arrays.copyOfRange(bytes, 2, 670)).isEqualTo(EXAMPLE_TEXT.getBytes(StandardCharsets.UTF_8));
        assertThat(Arrays.copyOfRange(bytes, 670, 702)).isEqualTo(OWNER.publicKey().bytes());
        assertThat(Arrays.copyOfRange(bytes, 702, 766)).isEqualTo(signed.signature().bytes());
        SignedIntent decoded = SignedIntentCodec.decode(bytes);
        assertThat(decoded).isEqualTo(signed);
        assertThat(decoded.verify()).isEqualTo(IntentFixtures.exampleIntent());
    }

    @Property(tries = 300)
    void decodeInvertsEncode(@ForAll @StringLength(max = 300) String text, @ForAll @Size(32) byte[] owner,
                             @ForAll @Size(64) byte[] signature) throws DecodeException {
        // jqwik's strings may hold lone surrogates, which UTF-8 cannot carry; such a text is not signable anyway.
        String encodable = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        SignedIntent signed = new SignedIntent(encodable, PublicKey.wrap(owner), Signature.wrap(signature));
        assertThat(SignedIntentCodec.decode(SignedIntentCodec.encode(signed))).isEqualTo(signed);
    }

    /** Canonical: any accepted byte string is the encoding of what it decodes to. */
    @Property(tries = 1000)
    void everyAcceptedByteStringIsTheEncodingOfItsValue(@ForAll @IntRange(min = 0, max = 2000) int position,
                                                        @ForAll byte replacement,
                                                        @ForAll @IntRange(min = -2, max = 2) int lengthChange) {
        byte[] original = SignedIntentCodec.encode(example());
        byte[] changed = Arrays.copyOf(original, Math.max(0, original.length + lengthChange));
        if (changed.length > 0) {
            changed[position % changed.length] = replacement;
        }
        try {
            assertThat(SignedIntentCodec.encode(SignedIntentCodec.decode(changed))).isEqualTo(changed);
        } catch (DecodeException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @Test
    void theLongestTextFitsTheDeclaredBound() throws DecodeException {
        SignedIntent signed = new SignedIntent("x".repeat(IntentText.MAX_BYTES), OWNER.publicKey(),
                Signature.wrap(new byte[64]));
        byte[] bytes = SignedIntentCodec.encode(signed);
        assertThat(bytes).hasSize(SignedIntentCodec.MAX_ENCODED_BYTES);
        assertThat(SignedIntentCodec.decode(bytes)).isEqualTo(signed);
    }

    @Test
    void encodeRefusesATextThatIsTooLong() {
        SignedIntent signed = new SignedIntent("é".repeat(451), OWNER.publicKey(), Signature.wrap(new byte[64]));
        assertThatThrownBy(() -> SignedIntentCodec.encode(signed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signed intent text is 902 bytes, at most 900");
    }

    @Test
    void aLengthAboveTheLimitIsRefusedBeforeReadingTheText() {
        byte[] bytes = new ByteWriter().u8(901 & 0xFF).u8(901 >>> 8).raw(new byte[10]).toByteArray();
        assertThatThrownBy(() -> SignedIntentCodec.decode(bytes))
                .isInstanceOf(DecodeException.class)
                .hasMessage("signed intent text: length 901 exceeds maximum 900");
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] bytes = new ByteWriter().u8(2).u8(0).raw(new byte[] {(byte) 0xC0, (byte) 0x80})
                .raw(new byte[32]).raw(new byte[64]).toByteArray();
        assertThatThrownBy(() -> SignedIntentCodec.decode(bytes))
                .isInstanceOf(DecodeException.class)
                .hasMessage("signed intent text: not valid UTF-8");
    }

    @Test
    void trailingAndMissingBytesAreRefused() {
        byte[] encoded = SignedIntentCodec.encode(example());
        assertThatThrownBy(() -> SignedIntentCodec.decode(Arrays.copyOf(encoded, encoded.length + 1)))
                .isInstanceOf(DecodeException.class)
                .hasMessage("signed intent: 1 trailing bytes");
        assertThatThrownBy(() -> SignedIntentCodec.decode(Arrays.copyOf(encoded, encoded.length - 1)))
                .isInstanceOf(DecodeException.class)
                .hasMessage("signed intent signature: truncated, need 64 bytes at offset 702, 63 left");
        assertThatThrownBy(() -> SignedIntentCodec.decode(new byte[SignedIntentCodec.MAX_ENCODED_BYTES + 1]))
                .isInstanceOf(DecodeException.class)
                .hasMessage("signed intent: 999 bytes, at most 998");
    }
}
