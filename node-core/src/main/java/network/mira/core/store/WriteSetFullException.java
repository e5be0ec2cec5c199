package network.mira.core.store;

/**
 * A {@link WriteSet} refused an operation that would take it past its operation or byte limit. The
 * write set is unchanged. Unchecked: the limits are far above any valid block, so hitting one is a
 * bug or an attack that the caller should stop, not work around.
 */
public final class WriteSetFullException extends IllegalStateException {
    public WriteSetFullException(String message) {
        super(message);
    }
}
