package network.mira.p2p.frame;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Decrypts and authenticates the frames of one direction, expecting nonce counters 0, 1, 2, ... A
 * tampered frame fails its tag; a replayed, dropped or reordered frame is decrypted under the wrong
 * nonce and fails too. The counter moves only on success, and any failure ends the connection.
 */
public final class FrameOpener {
    private final KeyParameter key;
    private final ChaCha20Poly1305 aead = new ChaCha20Poly1305();
    private long counter;

    public FrameOpener(byte[] key) {
        this.key = new KeyParameter(key.clone());
    }

    /** @throws ProtocolViolationException ({@link ProtocolViolation#UNAUTHENTIC_FRAME}) for anything not authentic */
    public byte[] open(byte[] ciphertext) {
        if (ciphertext.length < FrameSealer.TAG_BYTES) {
            throw new ProtocolViolationException(ProtocolViolation.UNAUTHENTIC_FRAME,
                    "frame of " + ciphertext.length + " bytes is shorter than the authentication tag");
        }
        aead.init(false, new AEADParameters(key, FrameSealer.TAG_BYTES * 8, FrameNonce.of(counter),
                FrameNonce.lengthPrefix(ciphertext.length)));
        byte[] out = new byte[ciphertext.length - FrameSealer.TAG_BYTES];
        try {
            int written = aead.processBytes(ciphertext, 0, ciphertext.length, out, 0);
            aead.doFinal(out, written);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new ProtocolViolationException(ProtocolViolation.UNAUTHENTIC_FRAME,
                    "frame " + counter + " failed authentication");
        }
        counter++;
        return out;
    }
}
