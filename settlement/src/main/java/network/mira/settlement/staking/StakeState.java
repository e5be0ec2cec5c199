package network.mira.settlement.staking;

/** A stake account's state as RPC and the CLI print it (lower case). */
public enum StakeState {
    /** Not delegated. Withdrawable at any time. */
    INACTIVE,
    /** Delegated; part or all of it waits for the activation cap. */
    ACTIVATING,
    /** Fully bonded. */
    ACTIVE,
    /** Deactivation requested: cooling down under the cap, then unbonding for unbonding_epochs. */
    DEACTIVATING,
    /** Unbonding complete. */
    WITHDRAWABLE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
