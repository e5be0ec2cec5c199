package network.mira.core.store;

/**
 * The store failed: I/O error, corruption, closed store, locked data dir. Unchecked because callers
 * cannot repair it locally; the node stops or reports, it does not retry blindly.
 */
public final class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
