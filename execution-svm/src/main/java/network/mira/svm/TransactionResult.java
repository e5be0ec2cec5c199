package network.mira.svm;

import java.util.Optional;
import network.mira.core.crypto.Signature;

/**
 * The outcome of one transaction in a block: the fee it paid (base and priority fee), if it failed
 * why, and the compute units it consumed (up to the failure, or its whole limit when it ran out).
 */
public record TransactionResult(Signature signature, long fee, Optional<TransactionError> error,
                                long computeUnitsConsumed) {
    public TransactionResult {
        if (fee < 0 || computeUnitsConsumed < 0) {
            throw new IllegalArgumentException("fee and compute units must not be negative");
        }
    }

    public boolean succeeded() {
        return error.isEmpty();
    }
}
