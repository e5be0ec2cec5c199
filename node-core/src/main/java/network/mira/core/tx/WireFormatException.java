package network.mira.core.tx;

/**
 * Bytes that are not a transaction or message we accept. The message says what was being read
 * and where, because it goes back to whoever submitted the bytes.
 */
public final class WireFormatException extends Exception {
    public WireFormatException(String message) {
        super(message);
    }
}
