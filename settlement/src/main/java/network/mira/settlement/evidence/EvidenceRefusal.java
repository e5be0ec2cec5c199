package network.mira.settlement.evidence;

import java.util.Objects;

/** Why evidence was refused, as a stable reason and a message naming the offending value. */
public record EvidenceRefusal(Reason reason, String message) {
    public enum Reason {
        /** The bytes are not a canonical evidence encoding (the message says what and where). */
        MALFORMED,
        /** The votes' signer is not in the validator set. */
        UNKNOWN_VALIDATOR,
        /** A vote breaks the vote rules: height below 1, or a nil block hash with a non-zero state root (or the reverse). */
        INVALID_VOTE,
        /** A vote's signature does not verify over its sign bytes for this chain. */
        INVALID_SIGNATURE,
        /** The evidence is from a height that has no settled votes yet. */
        FUTURE_HEIGHT,
        /** The evidence is older than the maximum evidence age. */
        EXPIRED,
        /** Already pending, already in a finalized block, or twice in one block. */
        DUPLICATE,
        /** The pool holds its maximum number of pending items. */
        POOL_FULL
    }

    public EvidenceRefusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return reason + ": " + message;
    }
}
