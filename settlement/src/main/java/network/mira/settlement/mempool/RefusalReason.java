package network.mira.settlement.mempool;

/**
 * Why a transaction was refused at the door. Each has a stable name that RPC clients and tests
 * match on; nothing refused is stored or gossiped.
 */
public enum RefusalReason {
    UNDECODABLE("bytes are not a valid transaction"),
    OVERSIZE("transaction exceeds 1232 bytes"),
    MISSING_SIGNATURE("a required signature is absent (all zero)"),
    BAD_SIGNATURE("a signature does not verify"),
    BLOCKHASH_NOT_FOUND("recent blockhash is not a block of this chain"),
    BLOCKHASH_EXPIRED("recent blockhash is older than the allowed window"),
    DUPLICATE("a transaction with this signature was already accepted or processed"),
    INSUFFICIENT_FUNDS_FOR_FEE("fee payer cannot pay the fee"),
    INVALID_FEE_PAYER("fee payer is not a system account without data"),
    UNKNOWN_PROGRAM("an instruction calls a program that does not exist"),
    MALFORMED_INSTRUCTION_DATA("an instruction's data does not decode for its program"),
    MEMPOOL_FULL("the mempool is full; retry later");

    private final String description;

    RefusalReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
