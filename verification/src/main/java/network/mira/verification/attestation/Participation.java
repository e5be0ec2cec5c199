package network.mira.verification.attestation;

import java.util.Objects;
import java.util.Optional;
import network.mira.core.crypto.PublicKey;

/**
 * How one validator took part in one claim: an {@link Outcome}, the reason in words, and the
 * attestation that counts towards the tally (present only for {@link Outcome#REVEALED_MATCHING}).
 */
public record Participation(PublicKey validator, Outcome outcome, String reason, Optional<Attestation> counted) {
    /**
     * Refused means the offending message is not admitted; slashable means the validator's stake is
     * at risk. A committed validator that fails to open its commitment in time is slashable whatever
     * it sent instead (late, early or mismatching reveal): otherwise withholding a verdict after
     * seeing others' reveals would cost nothing.
     */
    public enum Outcome {
        /** Committed in time and revealed a matching attestation in the reveal window: counted. */
        REVEALED_MATCHING(false, false),
        /** A committee member that sent nothing: not counted, its stake is the tally's "missing". */
        ABSENT(false, false),
        /** Not on the claim's committee: every message refused. */
        NOT_COMMITTEE_MEMBER(true, false),
        /** Committed only after the commit deadline: refused; a later reveal is refused too. */
        LATE_COMMIT(true, false),
        /** Revealed without any commitment in time: refused. */
        REVEAL_WITHOUT_COMMIT(true, false),
        /** Revealed at or before the commit deadline, when others could still copy: refused; commit unopened. */
        EARLY_REVEAL(true, true),
        /** Revealed after the reveal deadline: refused; the commitment was not opened in time. */
        LATE_REVEAL(true, true),
        /** Revealed an attestation whose commitment is not the one committed: refused; commit unopened. */
        REVEAL_MISMATCH(true, true),
        /** Committed in time and never revealed. */
        COMMIT_WITHOUT_REVEAL(false, true),
        /** Two different commitments for one claim: equivocation, the two commits are the evidence. */
        DOUBLE_COMMIT(true, true),
        /** Two different attestations for one claim: equivocation, the two signed reveals are the evidence. */
        DOUBLE_REVEAL(true, true);

        private final boolean refused;
        private final boolean slashable;

        Outcome(boolean refused, boolean slashable) {
            this.refused = refused;
            this.slashable = slashable;
        }

        public boolean refused() {
            return refused;
        }

        public boolean slashable() {
            return slashable;
        }
    }

    public Participation {
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(counted, "counted");
        if (counted.isPresent() != (outcome == Outcome.REVEALED_MATCHING)) {
            throw new IllegalArgumentException("only a matching reveal is counted");
        }
    }
}
