package network.mira.settlement.staking;

import java.util.Objects;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * One slash as recorded and served over RPC. evidenceHash is null for downtime; for double_sign it is
 * the evidence's hash, for the verification reasons the verification request's id.
 */
public record SlashingEvent(PublicKey validator, Reason reason, long infractionHeight, long amount,
                            Hash evidenceHash) {
    /** Append only: the state codec writes the ordinal. */
    public enum Reason {
        DOUBLE_SIGN("double_sign"),
        DOWNTIME("downtime"),
        /** Verification program: committed to a result without revealing it. */
        VERIFICATION_NO_REVEAL("verification_no_reveal"),
        /** Verification program: two different commits or reveals for one claim. */
        VERIFICATION_EQUIVOCATION("verification_equivocation"),
        /** Verification program: rejected by the random-guessing test. */
        VERIFICATION_GUESSING("verification_guessing");

        private final String wireName;

        Reason(String wireName) {
            this.wireName = wireName;
        }

        /** The name RPC and the CLI print. */
        public String wireName() {
            return wireName;
        }

        /** Whether the verification program, rather than consensus, punishes it. */
        public boolean isVerification() {
            return this == VERIFICATION_NO_REVEAL || this == VERIFICATION_EQUIVOCATION
                    || this == VERIFICATION_GUESSING;
        }
    }

    public SlashingEvent {
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(reason, "reason");
        if (amount < 0) {
            throw new IllegalArgumentException("slashed amount must not be negative, got " + amount);
        }
        if ((reason != Reason.DOWNTIME) != (evidenceHash != null)) {
            throw new IllegalArgumentException("downtime has no evidence hash and every other reason needs one, got "
                    + reason.wireName() + " with " + evidenceHash);
        }
    }
}
