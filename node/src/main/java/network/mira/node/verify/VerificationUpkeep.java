package network.mira.node.verify;

import java.util.function.BooleanSupplier;
import network.mira.settlement.consensus.FinalizationListener;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.svm.AccountReader;
import network.mira.verification.program.VerificationParameters;
import network.mira.verification.program.OpenDeadlines;

/**
 * Whether verification requests wait on coming heights: a request to draw, or one whose reveal deadline
 * is still ahead ({@link OpenDeadlines}). Their windows are counted in blocks, so while one is open the
 * node proposes at the transaction pace instead of the empty-block heartbeat ({@link
 * network.mira.settlement.consensus.BftEngine.Pacing#upkeepWaiting}); the chain's content is the same
 * either way. Read once per finalized block, on the consensus thread: a bounded number of point reads.
 */
public final class VerificationUpkeep implements FinalizationListener, BooleanSupplier {
    private final AccountReader state;
    private final VerificationParameters parameters;
    private volatile boolean waiting;

    public VerificationUpkeep(AccountReader state, VerificationParameters parameters, long finalizedHeight) {
        this.state = state;
        this.parameters = parameters;
        this.waiting = openAt(finalizedHeight);
    }

    @Override
    public void onFinalized(FinalizedBlock block, long executionNanos) {
        waiting = openAt(block.block().height());
    }

    @Override
    public boolean getAsBoolean() {
        return waiting;
    }

    private boolean openAt(long finalizedHeight) {
        return OpenDeadlines.drawPending(state)
                || !OpenDeadlines.listedAfter(state, finalizedHeight, parameters).isEmpty();
    }
}
