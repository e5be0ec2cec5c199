package network.mira.settlement.production;

import java.util.List;
import network.mira.core.block.Block;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.settlement.ledger.PreparedState;
import network.mira.svm.TransactionResult;

/**
 * A proposed block with everything computed while building it: the state it produces, each
 * transaction's result, the accounts each declared, and the candidates left out for good.
 */
public record BuiltBlock(Block block, PreparedState state, List<TransactionResult> results,
                         List<List<PublicKey>> accountKeys, List<Signature> dropped) {}
