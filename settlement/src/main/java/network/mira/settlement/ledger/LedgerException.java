package network.mira.settlement.ledger;

/**
 * The data directory cannot be used: corrupt, foreign (another genesis) or from a newer version.
 * The node refuses to start and shows the message to the operator as is.
 */
public final class LedgerException extends RuntimeException {
    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
