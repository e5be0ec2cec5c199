package network.mira.settlement.production;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.core.tx.Transaction;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.PreparedState;
import network.mira.settlement.mempool.PendingTransaction;
import network.mira.svm.AccountOverlay;
import network.mira.svm.BlockContext;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.TransactionRejectedException;
import network.mira.svm.TransactionResult;

/**
 * Builds the next block on top of the finalized head: re-checks each candidate against the chain
 * as it is now (blockhash window, already processed), executes it in order, and leaves out the
 * ones that cannot be charged. The resulting state root goes into the header.
 */
public final class BlockBuilder {
    private final Ledger ledger;
    private final TransactionExecutor executor;
    private final ChainParameters parameters;

    public BlockBuilder(Ledger ledger, TransactionExecutor executor, ChainParameters parameters) {
        this.ledger = ledger;
        this.executor = executor;
        this.parameters = parameters;
    }

    public BuiltBlock build(List<PendingTransaction> candidates, long timestampMs, PublicKey proposer) {
        Block parent = ledger.head();
        long height = parent.height() + 1;
        long timestamp = Math.max(timestampMs, parent.header().timestampMs());
        BlockContext context = new BlockContext(height, timestamp, parameters.lamportsPerSignature());
        AccountOverlay overlay = new AccountOverlay(ledger);
        List<byte[]> included = new ArrayList<>();
        List<TransactionResult> results = new ArrayList<>();
        List<List<PublicKey>> accountKeys = new ArrayList<>();
        List<Signature> dropped = new ArrayList<>();
        Set<Signature> seen = new HashSet<>();
        for (PendingTransaction candidate : candidates) {
            Transaction transaction = candidate.transaction();
            if (!seen.add(transaction.id()) || !isIncludable(transaction, parent.height())) {
                dropped.add(transaction.id());
                continue;
            }
            try {
                results.add(executor.execute(transaction, overlay, context));
                included.add(candidate.bytes());
                accountKeys.add(transaction.message().accountKeys());
            } catch (TransactionRejectedException e) {
                dropped.add(transaction.id());
            }
        }
        PreparedState state = ledger.state().prepare(overlay.changes());
        BlockHeader header = new BlockHeader(BlockHeader.VERSION, height, parent.hash(), state.stateRoot(),
                Block.transactionsRoot(included), timestamp, proposer, parameters.validators().hash(),
                included.size());
        return new BuiltBlock(new Block(header, included), state, results, accountKeys, dropped);
    }

    /** Still within the blockhash window and not already finalized. */
    public boolean isIncludable(Transaction transaction, long parentHeight) {
        var blockhashHeight = ledger.heightOf(transaction.message().recentBlockhash());
        return blockhashHeight.isPresent()
                && parentHeight - blockhashHeight.get() <= parameters.blockhashMaxAgeBlocks()
                && ledger.transaction(transaction.id()).isEmpty();
    }
}
