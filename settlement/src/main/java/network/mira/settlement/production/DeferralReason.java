package network.mira.settlement.production;

/** Why a valid transaction waits for a later block; it stays in the mempool. */
public enum DeferralReason {
    WOULD_EXCEED_BLOCK_COMPUTE_LIMIT,
    WOULD_EXCEED_ACCOUNT_COMPUTE_LIMIT,
    WOULD_EXCEED_BLOCK_TRANSACTION_LIMIT
}
