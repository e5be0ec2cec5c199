package network.mira.settlement.ledger;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import network.mira.core.codec.DecodeException;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.store.Column;
import network.mira.core.store.KeyValueStore;
import network.mira.core.store.WriteSet;

/**
 * Which validator set decides each finalized (or next) height: the genesis set from height 0, and
 * each set an epoch switch chose from the first height of its epoch. Sets change once per epoch at
 * most, so all of them are kept in memory (read once at start) for the hot lookups of consensus,
 * block sync and certificate checks; the store is the record, written in the same batch as the block
 * whose execution chose the set.
 */
final class ValidatorSetHistory {
    private static final int SCAN_BATCH = 10_000;

    private final ConcurrentSkipListMap<Long, ValidatorSet> byFirstHeight = new ConcurrentSkipListMap<>();

    ValidatorSetHistory(KeyValueStore store) {
        byte[][] from = {null};
        boolean more = true;
        while (more) {
            int[] seen = {0};
            store.scan(Column.VALIDATOR_SETS, from[0], null, SCAN_BATCH, (key, value) -> {
                long height = LedgerKeys.height(key);
                byFirstHeight.put(height, decode(height, value));
                from[0] = LedgerKeys.height(height + 1);
                seen[0]++;
                return true;
            });
            more = seen[0] == SCAN_BATCH;
        }
    }

    /** The set deciding {@code height}: the latest one whose first height is not above it. */
    Optional<ValidatorSet> at(long height) {
        Map.Entry<Long, ValidatorSet> entry = byFirstHeight.floorEntry(height);
        return entry == null ? Optional.empty() : Optional.of(entry.getValue());
    }

    /** Adds the write to {@code writes}; {@link #remember} must follow once the batch is durable. */
    static void write(WriteSet writes, long firstHeight, ValidatorSet set) {
        writes.put(Column.VALIDATOR_SETS, LedgerKeys.height(firstHeight), set.encode());
    }

    void remember(long firstHeight, ValidatorSet set) {
        byFirstHeight.put(firstHeight, set);
    }

    private static ValidatorSet decode(long height, byte[] bytes) {
        try {
            return ValidatorSet.decode(bytes);
        } catch (DecodeException e) {
            throw new LedgerException("data dir is corrupt: validator set from height " + height + ": "
                    + e.getMessage(), e);
        }
    }
}
