package network.mira.node.verify;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.settlement.consensus.FinalizationListener;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.svm.AccountReader;
import network.mira.verification.program.AddressList;
import network.mira.verification.program.VerificationParameters;
import network.mira.verification.program.VerificationProgram;

/**
 * Whether verification requests wait on coming heights: a request to draw, or one whose reveal deadline
 * is still ahead. Their windows are counted in blocks, so while one is open the node proposes at the
 * transaction pace instead of the empty-block heartbeat ({@link
 * network.mira.settlement.consensus.BftEngine.Pacing#upkeepWaiting}); the chain's content is the same
 * either way. Read once per finalized block, on the consensus thread: the pending-draws account and the
 * deadline buckets from the finalized height to the furthest deadline a request can have (commit_blocks +
 * reveal_blocks + 1 ahead), a bounded number of reads.
 */
public final class VerificationUpkeep implements FinalizationListener, BooleanSupplier {
    private final AccountReader state;
    private final long horizon;
    private volatile boolean waiting;

    public VerificationUpkeep(AccountReader state, VerificationParameters parameters, long finalizedHeight) {
        this.state = state;
        this.horizon = parameters.commitBlocks() + parameters.revealBlocks() + 1;
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
        if (listsSomething(state.get(VerificationProgram.PENDING_DRAWS))) {
            return true;
        }
        for (long height = finalizedHeight; height <= finalizedHeight + horizon; height++) {
            if (listsSomething(state.get(VerificationProgram.deadlineBucket(height)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean listsSomething(Optional<Account> account) {
        if (account.isEmpty() || !account.get().owner().equals(VerificationProgram.ID)) {
            return false;
        }
        try {
            return !AddressList.decode(account.get().data()).entries().isEmpty();
        } catch (DecodeException e) {
            // The program writes only lists that decode; pacing is no place to stop the node over it.
            return false;
        }
    }
}
