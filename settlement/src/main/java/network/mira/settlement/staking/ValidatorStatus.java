package network.mira.settlement.staking;

/** Where a validator stands; changes to and from ACTIVE happen only at epoch boundaries. */
public enum ValidatorStatus {
    /** In the current epoch's validator set. */
    ACTIVE,
    /** Registered, not in the current set (not enough stake, not selected, or just unjailed). */
    INACTIVE,
    /** Missed too many blocks; may unjail once its term ends. */
    JAILED,
    /** Double-signed; never returns. */
    TOMBSTONED
}
