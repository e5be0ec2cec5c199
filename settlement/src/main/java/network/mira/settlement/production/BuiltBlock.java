package network.mira.settlement.production;

import java.util.List;
import network.mira.core.block.Block;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.settlement.ledger.PreparedState;
import network.mira.svm.BlockExecution;
import network.mira.svm.TransactionResult;

/**
 * A proposed block with everything computed while building it: the state it produces, each
 * included transaction's result and declared accounts, the candidates left out for good, and how
 * packing and execution went (for metrics).
 */
public record BuiltBlock(Block block, PreparedState state, List<TransactionResult> results,
                         List<List<PublicKey>> accountKeys, List<Signature> dropped,
                         BlockPacker.Packing packing, BlockExecution.ExecutionStats executionStats) {}
