package network.mira.rpc.service;

import io.grpc.Status;
import network.mira.settlement.mempool.RefusalReason;

/**
 * The gRPC status code of each admission refusal: the client's bytes are wrong (INVALID_ARGUMENT),
 * the chain state does not allow it now (FAILED_PRECONDITION), it is a repeat (ALREADY_EXISTS), or
 * the node is saturated and a retry may work (RESOURCE_EXHAUSTED). The switch has no default so a
 * new reason cannot be added without deciding its code here.
 */
final class RefusalStatus {
    private RefusalStatus() {}

    static Status.Code of(RefusalReason reason) {
        return switch (reason) {
            case UNDECODABLE, OVERSIZE, MISSING_SIGNATURE, BAD_SIGNATURE, UNKNOWN_PROGRAM, MALFORMED_INSTRUCTION_DATA,
                    INVALID_FEE_PAYER -> Status.Code.INVALID_ARGUMENT;
            case BLOCKHASH_NOT_FOUND, BLOCKHASH_EXPIRED, INSUFFICIENT_FUNDS_FOR_FEE -> Status.Code.FAILED_PRECONDITION;
            case DUPLICATE -> Status.Code.ALREADY_EXISTS;
            case MEMPOOL_FULL -> Status.Code.RESOURCE_EXHAUSTED;
        };
    }
}
