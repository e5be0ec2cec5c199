package network.mira.rpc.stream;

import java.util.List;
import java.util.function.Consumer;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.rpc.service.StakingSnapshot;
import network.mira.settlement.consensus.FinalizationListener;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.settlement.ledger.LedgerException;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.settlement.staking.program.StakeProgram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the stake state once per finalized block and hands it to every consumer (the slashing event
 * feed, the staking metrics), so a block costs one decode however many read it. Every block of a
 * staking chain rewrites the state account (it records the parent's signers), so the account is taken
 * from the block's changed accounts, without a store read; a block that did not change it has nothing
 * new to report. Runs on the consensus thread: consumers must only record and enqueue.
 */
public final class StakingStateFeed implements FinalizationListener {
    private static final Logger LOG = LoggerFactory.getLogger(StakingStateFeed.class);

    private final List<Consumer<StakingSnapshot>> consumers;

    public StakingStateFeed(List<Consumer<StakingSnapshot>> consumers) {
        this.consumers = List.copyOf(consumers);
    }

    @Override
    public void onFinalized(FinalizedBlock finalized, long executionNanos) {
        Account account = finalized.changedAccounts().get(StakeProgram.STATE_ACCOUNT);
        if (account == null || account.isEmpty()) {
            return;
        }
        long height = finalized.block().height();
        StakingSnapshot snapshot;
        try {
            snapshot = StakingSnapshot.finalized(StakingStateCodec.decode(account.data()), height);
        } catch (DecodeException e) {
            // Consensus only ever writes states that decode: this is a bug, not an input to handle.
            throw new LedgerException("stake state account " + StakeProgram.STATE_ACCOUNT + " finalized at height "
                    + height + " does not decode: " + e.getMessage());
        }
        for (Consumer<StakingSnapshot> consumer : consumers) {
            try {
                consumer.accept(snapshot);
            } catch (RuntimeException e) {
                // One failing reader must not starve the others of this block.
                LOG.error("staking state consumer {} failed on block {}: {}", consumer, height, e.toString(), e);
            }
        }
    }
}
