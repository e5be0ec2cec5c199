package network.mira.rpc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.CompiledInstruction;
import network.mira.core.tx.Message;
import network.mira.core.tx.Transaction;
import network.mira.core.tx.WireFormatException;
import network.mira.sessions.program.SessionProgram;
import network.mira.settlement.consensus.FinalizationListener;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.settlement.ledger.TransactionStatus;
import network.mira.svm.AccountReader;

/**
 * The session meters, registered only on a chain that runs the session program, computed from each
 * finalized block on the consensus thread: a pass over the block's changed accounts and its transactions'
 * account keys, and a decode only of the transactions that name the session program.
 *
 * <ul>
 *   <li>{@code mira_sessions_live}: sessions that authorize anything at the finalized head
 *       ({@link LiveSessions}: created, not revoked, not expired at the head's block time).
 *   <li>{@code mira_session_transactions_total{outcome, reason}}: finalized transactions with at least one
 *       session-program instruction, {@code succeeded} (reason {@code none}) or {@code failed} with the
 *       transaction's error code as reason; past {@link #MAX_REASONS} distinct codes, {@code other}.
 * </ul>
 */
public final class SessionMetrics implements FinalizationListener {
    /** Distinct failure reasons given their own series; codes come from native programs, so few exist. */
    static final int MAX_REASONS = 64;
    static final String NO_REASON = "none";
    static final String OTHER_REASON = "other";
    private static final String TRANSACTIONS = "mira_session_transactions";
    private static final String TRANSACTIONS_HELP = "finalized transactions with a session-program instruction";

    private final MeterRegistry registry;
    private final LiveSessions live;
    private final AtomicLong liveCount = new AtomicLong();
    private final Counter succeeded;
    private final Map<String, Counter> failed = new HashMap<>();
    private Counter otherFailed;

    /**
     * @param state         the finalized state at start
     * @param headTimeMs    the finalized head's block time
     * @param maxLifetimeMs the genesis cap on a session's lifetime (how far ahead live sessions can expire)
     */
    public SessionMetrics(MeterRegistry registry, AccountReader state, long headTimeMs, long maxLifetimeMs) {
        this.registry = registry;
        this.live = LiveSessions.fromState(state, headTimeMs, maxLifetimeMs);
        liveCount.set(live.count());
        Gauge.builder("mira_sessions_live", liveCount, AtomicLong::get)
                .description("sessions that authorize anything at the finalized head: not revoked, not expired")
                .strongReference(true).register(registry);
        succeeded = transactions("succeeded", NO_REASON);
    }

    @Override
    public void onFinalized(FinalizedBlock finalized, long executionNanos) {
        live.onBlock(finalized.block().height(), finalized.block().header().timestampMs(),
                finalized.changedAccounts());
        liveCount.set(live.count());
        List<TransactionStatus> statuses = finalized.statuses();
        for (int i = 0; i < statuses.size(); i++) {
            List<PublicKey> keys = finalized.accountKeysPerTransaction().get(i);
            if (keys.contains(SessionProgram.ID) && invokesSessionProgram(finalized.block().transactions().get(i))) {
                count(statuses.get(i));
            }
        }
    }

    private void count(TransactionStatus status) {
        if (status.error().isEmpty()) {
            succeeded.increment();
            return;
        }
        String code = status.error().get().code();
        Counter counter = failed.get(code);
        if (counter == null && failed.size() < MAX_REASONS) {
            counter = transactions("failed", code);
            failed.put(code, counter);
        }
        if (counter == null) {
            if (otherFailed == null) {
                otherFailed = transactions("failed", OTHER_REASON);
            }
            counter = otherFailed;
        }
        counter.increment();
    }

    private Counter transactions(String outcome, String reason) {
        return Counter.builder(TRANSACTIONS).tag("outcome", outcome).tag("reason", reason)
                .description(TRANSACTIONS_HELP).register(registry);
    }

    /** The session program may be named as a plain account too; only an instruction of it counts. */
    private static boolean invokesSessionProgram(byte[] wireBytes) {
        Message message;
        try {
            message = Transaction.decode(wireBytes).message();
        } catch (WireFormatException e) {
            throw new IllegalStateException("a finalized transaction does not decode: " + e.getMessage(), e);
        }
        for (CompiledInstruction instruction : message.instructions()) {
            if (message.programId(instruction).equals(SessionProgram.ID)) {
                return true;
            }
        }
        return false;
    }
}
