package network.mira.verification.certificate;

/** A certificate file that is not exactly one certificate; the message names the field. */
public final class InvalidCertificateJsonException extends Exception {
    public InvalidCertificateJsonException(String message) {
        super(message);
    }
}
