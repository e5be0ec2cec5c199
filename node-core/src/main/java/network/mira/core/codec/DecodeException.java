package network.mira.core.codec;

/** Bytes that do not decode to the value they claim to be; the message says what and where. */
public final class DecodeException extends Exception {
    public DecodeException(String message) {
        super(message);
    }
}
