package network.mira.node.network;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Transaction;
import network.mira.p2p.gossip.SeenCache;
import network.mira.settlement.mempool.AdmissionResult;
import network.mira.settlement.mempool.Mempool;
import network.mira.settlement.mempool.PendingTransaction;
import network.mira.settlement.mempool.RefusalReason;

/**
 * Spreads admitted transactions so that whoever proposes next holds them. Transactions travel in
 * batches (one message per 20 ms or 256 transactions), because one message per transaction would
 * exceed the per-peer message rate at load. A received batch is admitted off the network thread
 * (admission verifies signatures) by a bounded worker: when it is full, batches are dropped and
 * counted, never queued without bound. Each transaction is relayed once, to every peer but the one
 * it came from; a peer that sends forged or undecodable transactions loses score.
 */
public final class TransactionGossip implements AutoCloseable {
    static final int MAX_BATCH = 256;
    static final long FLUSH_INTERVAL_MS = 20;
    private static final int INBOUND_BATCHES_QUEUED = 256;
    private static final int OUTBOUND_TRANSACTIONS_MAX = 50_000;
    private static final int FORGED_PENALTY = 10;
    private static final Set<RefusalReason> PEER_FAULTS = Set.of(RefusalReason.UNDECODABLE, RefusalReason.OVERSIZE,
            RefusalReason.MISSING_SIGNATURE, RefusalReason.BAD_SIGNATURE);

    private final Mempool mempool;
    private final PeerMessenger peers;
    private final SeenCache seen;
    private final Counter dropped;
    /** Pending relays by origin; the null key holds this node's own (RPC) admissions. */
    private Map<PublicKey, List<byte[]>> outbound = new LinkedHashMap<>();
    private int outboundCount;
    private final ThreadPoolExecutor admission = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(INBOUND_BATCHES_QUEUED), runnable -> daemon(runnable, "tx-gossip-admission"));
    private final ScheduledExecutorService flusher =
            Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "tx-gossip-flush"));

    public TransactionGossip(Mempool mempool, PeerMessenger peers, SeenCache seen, MeterRegistry metrics) {
        this.mempool = mempool;
        this.peers = peers;
        this.seen = seen;
        this.dropped = Counter.builder("mira_gossip_transactions_dropped")
                .description("gossiped transactions dropped because a bounded gossip queue was full")
                .register(metrics);
        mempool.addAdmissionListener(this::onAdmitted);
    }

    public void start() {
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_INTERVAL_MS, FLUSH_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Network thread: a batch from {@code from}; admission happens on the gossip worker. */
    public void onMessage(PublicKey from, byte[] payload) {
        List<byte[]> transactions;
        try {
            transactions = decodeBatch(payload);
        } catch (DecodeException e) {
            peers.penalize(from, "malformed transaction batch: " + e.getMessage(), FORGED_PENALTY);
            return;
        }
        try {
            admission.execute(() -> admit(from, transactions));
        } catch (RejectedExecutionException full) {
            dropped.increment(transactions.size());
        }
    }

    private void admit(PublicKey from, List<byte[]> transactions) {
        for (byte[] bytes : transactions) {
            if (!seen.markSeen(Hash.sha256(bytes))) {
                continue;
            }
            AdmissionResult result = mempool.submit(bytes);
            if (result.isAccepted()) {
                queue(from, bytes);
            } else if (result.reason().filter(PEER_FAULTS::contains).isPresent()) {
                peers.penalize(from, "gossiped an invalid transaction: " + result.message(), FORGED_PENALTY);
            }
        }
    }

    /** Every admission; the ones that did not arrive by gossip are this node's clients'. */
    private void onAdmitted(PendingTransaction transaction) {
        if (seen.markSeen(Hash.sha256(transaction.bytes()))) {
            queue(null, transaction.bytes());
        }
    }

    private synchronized void queue(PublicKey origin, byte[] bytes) {
        if (outboundCount >= OUTBOUND_TRANSACTIONS_MAX) {
            dropped.increment();
            return;
        }
        outbound.computeIfAbsent(origin, key -> new ArrayList<>()).add(bytes);
        outboundCount++;
    }

    private void flush() {
        Map<PublicKey, List<byte[]>> batch;
        synchronized (this) {
            if (outboundCount == 0) {
                return;
            }
            batch = outbound;
            outbound = new LinkedHashMap<>();
            outboundCount = 0;
        }
        batch.forEach((origin, transactions) -> {
            for (int from = 0; from < transactions.size(); from += MAX_BATCH) {
                byte[] payload = encodeBatch(transactions.subList(from, Math.min(transactions.size(), from + MAX_BATCH)));
                if (origin == null) {
                    peers.broadcast(Channels.TRANSACTION, payload);
                } else {
                    peers.broadcastExcept(origin, Channels.TRANSACTION, payload);
                }
            }
        });
    }

    static byte[] encodeBatch(List<byte[]> transactions) {
        ByteWriter writer = new ByteWriter(4 + transactions.size() * 260).u32(transactions.size());
        transactions.forEach(writer::bytes);
        return writer.toByteArray();
    }

    static List<byte[]> decodeBatch(byte[] payload) throws DecodeException {
        ByteReader reader = new ByteReader(payload);
        long count = reader.u32("transaction count");
        if (count == 0 || count > MAX_BATCH) {
            throw new DecodeException("a batch holds 1 to " + MAX_BATCH + " transactions, got " + count);
        }
        List<byte[]> transactions = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            transactions.add(reader.bytes(Transaction.MAX_SIZE, "transaction " + i));
        }
        reader.expectEnd("transaction batch");
        return transactions;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        admission.shutdownNow();
    }
}
