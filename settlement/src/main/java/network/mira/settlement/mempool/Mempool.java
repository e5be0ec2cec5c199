package network.mira.settlement.mempool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import network.mira.core.crypto.Signature;
import network.mira.core.tx.Transaction;

/**
 * Admitted transactions waiting for a block, oldest first, bounded. Thread-safe: RPC threads add,
 * the consensus thread reads and removes. A transaction leaves when its block is finalized or when
 * it can no longer be included (expired blockhash, fee payer drained).
 */
public final class Mempool {
    private final TransactionAdmission admission;
    private final int capacity;
    private final LinkedHashMap<Signature, PendingTransaction> pending = new LinkedHashMap<>();
    private final Counter admitted;
    private final Map<RefusalReason, Counter> refused = new EnumMap<>(RefusalReason.class);
    private final List<Consumer<PendingTransaction>> admissionListeners = new CopyOnWriteArrayList<>();

    public Mempool(TransactionAdmission admission, int capacity, MeterRegistry metrics) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("mempool capacity must be positive: " + capacity);
        }
        this.admission = admission;
        this.capacity = capacity;
        this.admitted = Counter.builder("mira_transactions_admitted").description("transactions admitted to the mempool")
                .register(metrics);
        for (RefusalReason reason : RefusalReason.values()) {
            refused.put(reason, Counter.builder("mira_transactions_refused")
                    .description("transactions refused at admission, by reason")
                    .tag("reason", reason.name()).register(metrics));
        }
        Gauge.builder("mira_mempool_size", this, Mempool::size).description("transactions waiting for a block")
                .register(metrics);
    }

    /** Called, on the submitting thread, for every transaction admitted (gossip relays them). */
    public void addAdmissionListener(Consumer<PendingTransaction> listener) {
        admissionListeners.add(listener);
    }

    public AdmissionResult submit(byte[] bytes) {
        TransactionAdmission.Verdict verdict = admission.check(bytes);
        if (verdict instanceof TransactionAdmission.Refused refusal) {
            return refuse(refusal.reason(), refusal.message());
        }
        Transaction transaction = ((TransactionAdmission.Admitted) verdict).transaction();
        PendingTransaction admittedTransaction;
        synchronized (this) {
            if (pending.containsKey(transaction.id())) {
                return refuse(RefusalReason.DUPLICATE, "transaction " + transaction.id() + " is already in the mempool");
            }
            if (pending.size() >= capacity) {
                return refuse(RefusalReason.MEMPOOL_FULL, "mempool holds " + capacity + " transactions");
            }
            admittedTransaction = new PendingTransaction(transaction, bytes.clone());
            pending.put(transaction.id(), admittedTransaction);
        }
        admitted.increment();
        for (Consumer<PendingTransaction> listener : admissionListeners) {
            listener.accept(admittedTransaction);
        }
        return AdmissionResult.accepted(transaction.id());
    }

    private AdmissionResult refuse(RefusalReason reason, String message) {
        refused.get(reason).increment();
        return AdmissionResult.refused(reason, message);
    }

    /** Up to {@code max} transactions, oldest first; they stay until removed. */
    public synchronized List<PendingTransaction> peek(int max) {
        List<PendingTransaction> out = new ArrayList<>(Math.min(max, pending.size()));
        for (PendingTransaction transaction : pending.values()) {
            if (out.size() >= max) {
                break;
            }
            out.add(transaction);
        }
        return out;
    }

    public synchronized void removeAll(Collection<Signature> signatures) {
        signatures.forEach(pending::remove);
    }

    /** Drops every pending transaction the predicate says can never be included. */
    public synchronized int evict(Predicate<PendingTransaction> hopeless) {
        int before = pending.size();
        pending.values().removeIf(hopeless);
        return before - pending.size();
    }

    /** True when exactly these bytes wait here, i.e. admission verified their signatures. */
    public synchronized boolean holds(Signature signature, byte[] bytes) {
        PendingTransaction pending = this.pending.get(signature);
        return pending != null && java.util.Arrays.equals(pending.bytes(), bytes);
    }

    public synchronized boolean contains(Signature signature) {
        return pending.containsKey(signature);
    }

    public synchronized int size() {
        return pending.size();
    }

    public synchronized boolean isEmpty() {
        return pending.isEmpty();
    }
}
