package network.mira.settlement.ledger;

import java.util.ArrayList;
import java.util.List;
import network.mira.core.crypto.PublicKey;
import network.mira.core.store.BigEndian;
import network.mira.core.store.Column;
import network.mira.core.store.KeyValueStore;
import network.mira.core.store.WriteSet;
import network.mira.settlement.staking.StakingEvent;

/**
 * The rewards index: key epoch (u64 big endian) || validator identity, value commission || delegators
 * (u64 big endian each). Written with the block that ended the epoch; the stake state keeps only
 * balances, so this is where "what did epoch N pay" is answered.
 */
final class EpochRewards {
    private static final int MAX_PER_EPOCH = 10_000;

    private EpochRewards() {}

    static void write(WriteSet writes, List<StakingEvent> events) {
        for (StakingEvent event : events) {
            if (event instanceof StakingEvent.RewardPaid paid) {
                byte[] value = new byte[16];
                BigEndian.writeU64(value, 0, paid.commission());
                BigEndian.writeU64(value, 8, paid.delegators());
                writes.put(Column.EPOCH_REWARDS, key(paid.epoch(), paid.validator().bytes()), value);
            }
        }
    }

    static List<EpochReward> read(KeyValueStore store, long epoch) {
        List<EpochReward> rewards = new ArrayList<>();
        byte[] from = key(epoch, new byte[PublicKey.LENGTH]);
        byte[] to = epoch == Long.MAX_VALUE ? null : key(epoch + 1, new byte[PublicKey.LENGTH]);
        store.scan(Column.EPOCH_REWARDS, from, to, MAX_PER_EPOCH, (key, value) -> {
            byte[] identity = new byte[PublicKey.LENGTH];
            System.arraycopy(key, 8, identity, 0, PublicKey.LENGTH);
            rewards.add(new EpochReward(epoch, PublicKey.wrap(identity), BigEndian.readU64(value, 0),
                    BigEndian.readU64(value, 8)));
            return true;
        });
        return rewards;
    }

    private static byte[] key(long epoch, byte[] identity) {
        byte[] key = new byte[8 + PublicKey.LENGTH];
        BigEndian.writeU64(key, 0, epoch);
        System.arraycopy(identity, 0, key, 8, PublicKey.LENGTH);
        return key;
    }
}
