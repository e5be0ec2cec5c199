package network.mira.svm;

import java.util.Optional;
import network.mira.core.crypto.Signature;

/** The outcome of one transaction in a block: the fee it paid and, if it failed, why. */
public record TransactionResult(Signature signature, long fee, Optional<TransactionError> error) {
    public boolean succeeded() {
        return error.isEmpty();
    }
}
