package network.mira.settlement.production;

import java.util.List;
import java.util.Optional;
import network.mira.core.consensus.ValidatorSet;
import network.mira.settlement.staking.StakingEvent;
import network.mira.core.block.Block;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.settlement.ledger.PreparedState;
import network.mira.svm.BlockExecution;
import network.mira.svm.TransactionResult;

/**
 * A proposed block with everything computed while building it: the state it produces, each
 * included transaction's result and declared accounts, the candidates left out for good, and how
 * packing and execution went (for metrics); at an epoch's end, the set its execution chose for the
 * next epoch; and what the block's staking work did (for logs and metrics).
 */
public record BuiltBlock(Block block, PreparedState state, List<TransactionResult> results,
                         List<List<PublicKey>> accountKeys, List<Signature> dropped,
                         BlockPacker.Packing packing, BlockExecution.ExecutionStats executionStats,
                         Optional<ValidatorSet> nextValidatorSet, List<StakingEvent> stakingEvents) {
    /** A block after which the validator set does not change and which did no staking work. */
    public BuiltBlock(Block block, PreparedState state, List<TransactionResult> results,
                      List<List<PublicKey>> accountKeys, List<Signature> dropped, BlockPacker.Packing packing,
                      BlockExecution.ExecutionStats executionStats) {
        this(block, state, results, accountKeys, dropped, packing, executionStats, Optional.empty(), List.of());
    }
}
