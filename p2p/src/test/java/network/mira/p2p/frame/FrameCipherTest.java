package network.mira.p2p.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FrameCipherTest {
    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void framesOpenInOrder() {
        byte[] key = key();
        FrameSealer sealer = new FrameSealer(key);
        FrameOpener opener = new FrameOpener(key);
        for (int i = 0; i < 5; i++) {
            byte[] plaintext = ("frame " + i).getBytes();
            byte[] sealed = sealer.seal(plaintext);
            assertThat(sealed).hasSize(plaintext.length + FrameSealer.TAG_BYTES);
            assertThat(opener.open(sealed)).isEqualTo(plaintext);
        }
    }

    @Test
    void sameMessageTwiceGivesDifferentCiphertexts() {
        FrameSealer sealer = new FrameSealer(key());
        assertThat(sealer.seal(new byte[8])).isNotEqualTo(sealer.seal(new byte[8]));
    }

    @Test
    void replayedFrameFails() {
        byte[] key = key();
        FrameSealer sealer = new FrameSealer(key);
        FrameOpener opener = new FrameOpener(key);
        byte[] first = sealer.seal(new byte[] {1});
        opener.open(first);
        assertUnauthentic(() -> opener.open(first));
    }

    @Test
    void reorderedFramesFail() {
        byte[] key = key();
        FrameSealer sealer = new FrameSealer(key);
        FrameOpener opener = new FrameOpener(key);
        sealer.seal(new byte[] {1});
        byte[] second = sealer.seal(new byte[] {2});
        assertUnauthentic(() -> opener.open(second));
    }

    @Test
    void otherKeyOrTooShortFails() {
        byte[] sealed = new FrameSealer(key()).seal(new byte[] {1, 2, 3});
        assertUnauthentic(() -> new FrameOpener(key()).open(sealed));
        assertUnauthentic(() -> new FrameOpener(key()).open(new byte[FrameSealer.TAG_BYTES - 1]));
    }

    @Property(tries = 200)
    void anyFlippedBitFails(@ForAll @Size(max = 300) byte[] plaintext, @ForAll @IntRange(min = 0, max = 10_000) int where,
            @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] key = key();
        byte[] sealed = new FrameSealer(key).seal(plaintext);
        sealed[where % sealed.length] ^= (byte) (1 << bit);
        assertUnauthentic(() -> new FrameOpener(key).open(sealed));
    }

    private static void assertUnauthentic(Runnable open) {
        assertThatThrownBy(open::run).isInstanceOfSatisfying(ProtocolViolationException.class,
                e -> assertThat(e.violation()).isEqualTo(ProtocolViolation.UNAUTHENTIC_FRAME));
    }
}
