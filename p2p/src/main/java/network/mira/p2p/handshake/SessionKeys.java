package network.mira.p2p.handshake;

/**
 * The two 32-byte ChaCha20-Poly1305 keys of one connection, from this side's point of view.
 * Never printed.
 */
public record SessionKeys(byte[] sendKey, byte[] receiveKey) {
    public static final int KEY_BYTES = 32;

    public SessionKeys {
        if (sendKey == null || sendKey.length != KEY_BYTES || receiveKey == null || receiveKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("session keys must be " + KEY_BYTES + " bytes each");
        }
        sendKey = sendKey.clone();
        receiveKey = receiveKey.clone();
    }

    @Override
    public byte[] sendKey() {
        return sendKey.clone();
    }

    @Override
    public byte[] receiveKey() {
        return receiveKey.clone();
    }

    @Override
    public String toString() {
        return "SessionKeys[hidden]";
    }
}
