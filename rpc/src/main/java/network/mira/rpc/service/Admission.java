package network.mira.rpc.service;

import network.mira.core.crypto.Signature;
import network.mira.settlement.mempool.AdmissionResult;
import network.mira.settlement.mempool.Mempool;
import network.mira.settlement.mempool.RefusalReason;

/** Mempool admission as every submitting method answers it: the signature, or the refusal's status. */
final class Admission {
    private Admission() {}

    static Signature submit(Mempool mempool, byte[] transaction) {
        AdmissionResult result = mempool.submit(transaction);
        if (!result.isAccepted()) {
            RefusalReason reason = result.reason().orElseThrow();
            throw RpcErrors.refusal(RefusalStatus.of(reason), reason.name(), result.message());
        }
        return result.signature().orElseThrow();
    }
}
