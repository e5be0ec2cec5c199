package network.mira.core.consensus;

/** A commit certificate that does not prove finality; the message names the broken rule. */
public final class InvalidCertificateException extends Exception {
    public InvalidCertificateException(String message) {
        super(message);
    }
}
