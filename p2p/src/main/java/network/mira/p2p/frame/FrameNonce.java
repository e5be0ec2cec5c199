package network.mira.p2p.frame;

/**
 * The 96-bit ChaCha20-Poly1305 nonce of frame number {@code counter}: four zero bytes then the
 * counter as u64 little-endian (as in WireGuard). Each direction has its own key and counter, so a
 * (key, nonce) pair is never used twice.
 */
final class FrameNonce {
    static final int BYTES = 12;

    private FrameNonce() {}

    static byte[] of(long counter) {
        byte[] nonce = new byte[BYTES];
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (counter >>> (8 * i));
        }
        return nonce;
    }

    /** The length prefix as associated data: u32 little-endian, as on the wire. */
    static byte[] lengthPrefix(int length) {
        return new byte[] {(byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)};
    }
}
