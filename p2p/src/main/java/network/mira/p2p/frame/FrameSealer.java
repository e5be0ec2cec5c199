package network.mira.p2p.frame;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Encrypts the frames of one direction. Not thread-safe: one connection's frames are sealed in
 * order on its event loop, and the order of sealing must be the order on the wire, because the
 * receiver's counter follows it.
 */
public final class FrameSealer {
    /** Poly1305 tag length. */
    public static final int TAG_BYTES = 16;

    private final KeyParameter key;
    private final ChaCha20Poly1305 aead = new ChaCha20Poly1305();
    private long counter;

    public FrameSealer(byte[] key) {
        this.key = new KeyParameter(key.clone());
    }

    /** Returns the ciphertext with its tag: the frame body, whose length the frame prefix carries. */
    public byte[] seal(byte[] plaintext) {
        if (counter == -1L) {
            // 2^64 - 1 frames: unreachable in practice; reusing a nonce would be catastrophic.
            throw new IllegalStateException("frame nonce space exhausted; the connection must be re-established");
        }
        int length = plaintext.length + TAG_BYTES;
        aead.init(true, new AEADParameters(key, TAG_BYTES * 8, FrameNonce.of(counter), FrameNonce.lengthPrefix(length)));
        byte[] out = new byte[length];
        int written = aead.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            aead.doFinal(out, written);
        } catch (InvalidCipherTextException impossible) {
            throw new IllegalStateException("encryption cannot fail authentication", impossible);
        }
        counter++;
        return out;
    }
}
