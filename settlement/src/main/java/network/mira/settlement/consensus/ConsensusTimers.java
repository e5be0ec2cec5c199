package network.mira.settlement.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import network.mira.settlement.bft.ConsensusAction;
import network.mira.settlement.bft.ConsensusEvent;

/**
 * The timeouts the consensus core asked for, fired by the clock the engine is ticked with. Ordered
 * by deadline, then by the order they were set, so equal deadlines fire deterministically.
 * Consensus thread only.
 */
final class ConsensusTimers {
    private record Timer(long dueAtMs, long sequence, ConsensusAction.ScheduleTimeout timeout) {}

    private final PriorityQueue<Timer> pending = new PriorityQueue<>((a, b) -> a.dueAtMs != b.dueAtMs
            ? Long.compare(a.dueAtMs, b.dueAtMs) : Long.compare(a.sequence, b.sequence));
    private long sequence;

    void schedule(ConsensusAction.ScheduleTimeout timeout, long nowMs) {
        pending.add(new Timer(nowMs + timeout.durationMs(), sequence++, timeout));
    }

    /** Removes and returns, in order, every timeout due at {@code nowMs}. */
    List<ConsensusEvent.TimeoutFired> due(long nowMs) {
        List<ConsensusEvent.TimeoutFired> fired = new ArrayList<>();
        while (!pending.isEmpty() && pending.peek().dueAtMs <= nowMs) {
            ConsensusAction.ScheduleTimeout t = pending.poll().timeout;
            fired.add(new ConsensusEvent.TimeoutFired(t.height(), t.round(), t.kind()));
        }
        return fired;
    }

    int size() {
        return pending.size();
    }
}
