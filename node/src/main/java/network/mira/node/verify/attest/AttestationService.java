package network.mira.node.verify.attest;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.consensus.FinalizationListener;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.settlement.staking.program.StakeProgram;
import network.mira.svm.AccountReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Attestor} beside consensus. On the consensus thread {@link #onFinalized} only schedules
 * a pass on the attestor's own thread (at most one waiting: passes coalesce, and each reads the latest
 * finalized state), so attesting never delays a block. The attestor signs with the node's validator key;
 * it works only if that key is a validator identity in the stake state, and says once why not.
 */
public final class AttestationService implements FinalizationListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AttestationService.class);
    /** Pending passes (at most one) plus verifier continuations (at most one per request being judged). */
    private static final int QUEUE_CAPACITY = 4_096;
    /** While the key is not a validator identity, the stake state is decoded again only this often. */
    private static final long IDENTITY_RECHECK_BLOCKS = 256;

    private final PublicKey identity;
    private final AccountReader state;
    private final OpenRequests openRequests;
    private final ThreadPoolExecutor thread;
    private final Attestor attestor;
    private final AtomicBoolean passScheduled = new AtomicBoolean();
    private final AutoCloseable verifier;
    private boolean enabled;
    private long checkedAt = Long.MIN_VALUE;
    private boolean warned;

    /** @param build the attestor, given the executor its continuations must run on */
    public AttestationService(PublicKey identity, AccountReader state, OpenRequests openRequests,
                              Function<Executor, Attestor> build,
                              AutoCloseable verifier) {
        this.identity = identity;
        this.state = state;
        this.openRequests = openRequests;
        this.verifier = verifier;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                runnable -> {
                    Thread t = new Thread(runnable, "attestor");
                    t.setDaemon(true);
                    return t;
                });
        this.attestor = build.apply(this::runOnAttestorThread);
    }

    @Override
    public void onFinalized(FinalizedBlock block, long executionNanos) {
        if (passScheduled.compareAndSet(false, true)) {
            runOnAttestorThread(() -> {
                passScheduled.set(false);
                pass(block.block().height());
            });
        }
    }

    private void runOnAttestorThread(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("verification: attestor pass failed: {}", e.toString(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            passScheduled.set(false);
            if (!thread.isShutdown()) {
                LOG.warn("verification: attestor queue full, skipping work: {}", e.toString());
            }
        }
    }

    private void pass(long height) {
        if (!isIdentity(height)) {
            return;
        }
        Optional<OpenRequests.Snapshot> snapshot = openRequests.of(identity);
        snapshot.ifPresent(attestor::onSnapshot);
    }

    private boolean isIdentity(long height) {
        if (enabled || height - checkedAt < IDENTITY_RECHECK_BLOCKS && checkedAt != Long.MIN_VALUE) {
            return enabled;
        }
        checkedAt = height;
        Optional<StakingState> staking = state.get(StakeProgram.STATE_ACCOUNT).map(AttestationService::decode);
        enabled = staking.isPresent() && staking.get().validator(identity).isPresent();
        if (enabled) {
            LOG.info("verification: attesting as validator identity {}", identity);
        } else if (!warned) {
            warned = true;
            LOG.warn("verification attestations disabled: key {} is not a validator identity{}", identity,
                    staking.isEmpty() ? " (this chain runs no staking)" : "");
        }
        return enabled;
    }

    private static StakingState decode(Account account) {
        try {
            return StakingStateCodec.decode(account.data());
        } catch (DecodeException e) {
            throw new IllegalStateException("the stake state does not decode: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws Exception {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
        verifier.close();
    }
}
