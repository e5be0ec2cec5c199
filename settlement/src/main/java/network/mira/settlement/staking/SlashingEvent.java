package network.mira.settlement.staking;

import java.util.Objects;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/** One slash as recorded and served over RPC; evidenceHash is null for downtime. */
public record SlashingEvent(PublicKey validator, Reason reason, long infractionHeight, long amount,
                            Hash evidenceHash) {
    public enum Reason {
        DOUBLE_SIGN("double_sign"), DOWNTIME("downtime");

        private final String wireName;

        Reason(String wireName) {
            this.wireName = wireName;
        }

        /** The name RPC and the CLI print. */
        public String wireName() {
            return wireName;
        }
    }

    public SlashingEvent {
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(reason, "reason");
        if (amount < 0) {
            throw new IllegalArgumentException("slashed amount must not be negative, got " + amount);
        }
        if ((reason == Reason.DOUBLE_SIGN) != (evidenceHash != null)) {
            throw new IllegalArgumentException("double_sign needs an evidence hash and downtime has none");
        }
    }
}
