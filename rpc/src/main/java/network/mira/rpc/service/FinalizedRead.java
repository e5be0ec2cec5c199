package network.mira.rpc.service;

import io.grpc.Status;
import java.util.function.Supplier;
import network.mira.settlement.ledger.Ledger;

/**
 * A value read from finalized state together with the height it reflects. The ledger has no
 * snapshot reads, so the height is read before and after: every block commit is one atomic write
 * that also raises the finalized height, hence equal heights mean no block landed in between and
 * the value belongs to exactly that height.
 */
record FinalizedRead<T>(T value, long height) {
    /** A block every few hundred milliseconds makes a second attempt almost always enough. */
    private static final int MAX_ATTEMPTS = 8;

    static <T> FinalizedRead<T> of(Ledger ledger, Supplier<T> reader) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long before = ledger.finalizedHeight();
            T value = reader.get();
            if (ledger.finalizedHeight() == before) {
                return new FinalizedRead<>(value, before);
            }
        }
        throw RpcErrors.error(Status.Code.UNAVAILABLE, "STATE_CHANGING",
                "finalized state changed during " + MAX_ATTEMPTS + " consecutive reads; retry", java.util.Map.of());
    }
}
