package network.mira.settlement.staking;

/** Why a staking operation was refused. Stable codes: RPC and the CLI print them as they are. */
public enum StakingError {
    /** An amount is zero or negative. */
    AMOUNT_NOT_POSITIVE,
    /** More lamports were asked for than the unstaked supply holds (the program checks the payer's balance). */
    INSUFFICIENT_FUNDS,
    /** The self-bond is below min_self_bond. */
    INSUFFICIENT_SELF_BOND,
    /** No validator has this identity. */
    UNKNOWN_VALIDATOR,
    /** A validator with this identity is already registered. */
    VALIDATOR_EXISTS,
    /** The validator double-signed; it never validates or takes delegations again. */
    VALIDATOR_TOMBSTONED,
    /** The validator is jailed; it must unjail before it takes delegations. */
    VALIDATOR_JAILED,
    /** The consensus key belongs, or once belonged, to a validator; keys are never reused. */
    CONSENSUS_KEY_IN_USE,
    /** A key rotation is already waiting for the next epoch. */
    KEY_ROTATION_PENDING,
    /** No stake account has this address. */
    UNKNOWN_STAKE_ACCOUNT,
    /** A stake account with this address exists already. */
    STAKE_ACCOUNT_EXISTS,
    /** The signer is not the stake account's authority. */
    WRONG_AUTHORITY,
    /** The stake account is delegated already (deactivate and withdraw it, then use a new one). */
    ALREADY_DELEGATED,
    /** The stake account is not delegated. */
    NOT_DELEGATED,
    /** Deactivation was already requested. */
    ALREADY_DEACTIVATED,
    /** The stake account is delegated and was not deactivated, so it cannot be withdrawn. */
    NOT_DEACTIVATED,
    /** The stake is still bonded or unbonding; the message gives the remaining epochs. */
    UNBONDING_NOT_COMPLETE,
    /** The validator is not jailed. */
    NOT_JAILED,
    /** The jail term has not ended; the message gives the remaining blocks. */
    JAIL_NOT_OVER,
    /** Commission must be between 0 and 10,000 basis points. */
    COMMISSION_OUT_OF_RANGE,
    /** The commission would move by more than max_commission_change_bps_per_epoch. */
    COMMISSION_CHANGE_TOO_LARGE,
    /** The commission was already changed in this epoch. */
    COMMISSION_ALREADY_CHANGED,
    /** This evidence was already punished. */
    DUPLICATE_EVIDENCE,
    /** The infraction is older than the unbonding period: the stake that was bonded may be gone. */
    EVIDENCE_TOO_OLD,
    /** The infraction height lies in an epoch that has not started. */
    EVIDENCE_FROM_FUTURE,
    /** The validator was not in the validator set of the infraction's epoch, so it could not have signed. */
    NOT_IN_SET_AT_HEIGHT,
    /** Block signatures must be recorded for increasing heights. */
    HEIGHT_NOT_INCREASING,
    /** A signer key is not in the current validator set. */
    UNKNOWN_SIGNER,
    /** Block signatures of an epoch whose snapshot is not (or no longer) kept. */
    EPOCH_NOT_AVAILABLE
}
