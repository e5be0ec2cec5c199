package network.mira.node.network;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.InvalidCertificateException;
import network.mira.core.consensus.ValidatorSet;
import network.mira.settlement.bft.ValidatorSchedule;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.peer.TokenBucket;
import network.mira.settlement.consensus.ConsensusInbox;
import network.mira.settlement.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node that is behind (new, restarted, or one that missed a height's votes) current.
 * Every node announces its finalized height; a node whose peers are ahead asks them for the
 * following finalized blocks with their certificates, a window at a time, checks each certificate
 * against the validator set (the light-client rule) before anything else, and hands the blocks to
 * the engine in height order, which re-executes each and commits it only if it reaches the state
 * root in its header. A peer that serves a block or certificate that does not verify is banned.
 */
public final class BlockSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockSync.class);
    static final long INTERVAL_MS = 200;
    static final int WINDOW = 16;
    static final long REQUEST_TIMEOUT_MS = 5_000;
    static final int BAD_BLOCK_PENALTY = 100;
    /**
     * Blocks served per peer per second (burst twice that): enough for a catching-up peer's window
     * every sync step, while a peer asking for more cannot make this node read and send blocks
     * as fast as the p2p message rate would allow.
     */
    static final int SERVED_PER_SECOND = 40;
    private static final int MALFORMED_PENALTY = 20;

    private final Ledger ledger;
    private final ConsensusInbox engine;
    private final PeerMessenger peers;
    private final String chainId;
    private final ValidatorSchedule validators;
    private final CertificateVerifier certificates;
    private final LongSupplier clockMs;
    private final Map<PublicKey, Long> peerHeights = new ConcurrentHashMap<>();
    /** Requested heights: who was asked and when. */
    private final Map<Long, Request> requested = new ConcurrentHashMap<>();
    private final Map<PublicKey, TokenBucket> serving = new ConcurrentHashMap<>();
    /** Verified blocks waiting for the engine to reach their height. */
    private final TreeMap<Long, Verified> ready = new TreeMap<>();
    private long delivered;
    private long lastFinalized;
    private long lastProgressMs;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread t = new Thread(runnable, "block-sync");
                t.setDaemon(true);
                return t;
            });

    private record Request(PublicKey peer, long atMs) {}

    /** A served block; {@code verified} once its certificate checked out against its height's set. */
    private record Verified(Block block, CommitCertificate certificate, PublicKey from, boolean verified) {}

    public BlockSync(Ledger ledger, ConsensusInbox engine, PeerMessenger peers, String chainId, ValidatorSet validators,
                     CertificateVerifier certificates, LongSupplier clockMs, MeterRegistry metrics) {
        this(ledger, engine, peers, chainId, ValidatorSchedule.fixed(validators), certificates, clockMs, metrics);
    }

    /**
     * @param validators the set of each height; a height in an epoch whose set is not yet known (its
     *                   predecessor epoch's last block is not executed here yet) is verified once it is
     */
    public BlockSync(Ledger ledger, ConsensusInbox engine, PeerMessenger peers, String chainId,
                     ValidatorSchedule validators, CertificateVerifier certificates, LongSupplier clockMs,
                     MeterRegistry metrics) {
        this.ledger = ledger;
        this.engine = engine;
        this.peers = peers;
        this.chainId = chainId;
        this.validators = validators;
        this.certificates = certificates;
        this.clockMs = clockMs;
        Gauge.builder("mira_sync_best_peer_height", this, s -> s.bestPeerHeight())
                .description("highest finalized height a connected peer announced").register(metrics);
        Gauge.builder("mira_sync_blocks_behind", this, s -> Math.max(0, s.bestPeerHeight() - s.ledger.finalizedHeight()))
                .description("finalized blocks this node still has to fetch from peers").register(metrics);
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::safeTick, 0, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    public void onPeerDisconnected(PublicKey peer) {
        peerHeights.remove(peer);
        serving.remove(peer);
    }

    // ---- inbound, on network threads ----

    public void onStatus(PublicKey from, byte[] payload) {
        try {
            ByteReader reader = new ByteReader(payload);
            long height = reader.u64("status height");
            reader.raw(Hash.LENGTH, "status block hash");
            reader.expectEnd("status");
            peerHeights.put(from, height);
        } catch (DecodeException e) {
            peers.penalize(from, "malformed status: " + e.getMessage(), MALFORMED_PENALTY);
        }
    }

    public void onRequest(PublicKey from, byte[] payload) {
        long height;
        try {
            ByteReader reader = new ByteReader(payload);
            height = reader.u64("requested height");
            reader.expectEnd("block request");
        } catch (DecodeException e) {
            peers.penalize(from, "malformed block request: " + e.getMessage(), MALFORMED_PENALTY);
            return;
        }
        if (!serving.computeIfAbsent(from, peer -> new TokenBucket(SERVED_PER_SECOND, 2 * SERVED_PER_SECOND,
                () -> Math.multiplyExact(clockMs.getAsLong(), 1_000_000L))).tryTake()) {
            return; // over its budget: it asks again after its request timeout
        }
        Optional<Block> block = height >= 1 ? ledger.block(height) : Optional.empty();
        Optional<CommitCertificate> certificate = height >= 1 ? ledger.certificate(height) : Optional.empty();
        if (block.isPresent() && certificate.isPresent()) {
            peers.send(from, Channels.BLOCK_RESPONSE, new ByteWriter(1024).bytes(block.get().encode())
                    .bytes(certificate.get().encode()).toByteArray());
        }
    }

    public void onResponse(PublicKey from, byte[] payload) {
        Block block;
        CommitCertificate certificate;
        try {
            ByteReader reader = new ByteReader(payload);
            block = Block.decode(reader.bytes(Integer.MAX_VALUE, "block"));
            certificate = CommitCertificate.decode(reader.bytes(Integer.MAX_VALUE, "certificate"));
            reader.expectEnd("block response");
        } catch (DecodeException e) {
            peers.penalize(from, "malformed block response: " + e.getMessage(), BAD_BLOCK_PENALTY);
            return;
        }
        Request request = requested.get(block.height());
        if (request == null || !request.peer().equals(from)) {
            return; // unsolicited, or answered after we asked someone else
        }
        boolean setKnown = block.height() <= ledger.finalizedHeight() + 1
                || block.header().validatorSetHash().equals(validators.at(block.height()).hash());
        if (setKnown && !verifies(block, certificate, from)) {
            return;
        }
        synchronized (ready) {
            ready.put(block.height(), new Verified(block, certificate, from, setKnown));
        }
    }

    /** False, with the peer penalized and the height free to ask again, when the certificate does not verify. */
    private boolean verifies(Block block, CommitCertificate certificate, PublicKey from) {
        try {
            certificates.verify(chainId, block.header(), certificate, validators.at(block.height()));
            return true;
        } catch (InvalidCertificateException e) {
            LOG.warn("peer {} served block {} with a certificate that does not verify: {}", from, block.height(),
                    e.getMessage());
            peers.penalize(from, "block " + block.height() + " with an invalid certificate", BAD_BLOCK_PENALTY);
            requested.remove(block.height());
            return false;
        }
    }

    // ---- the sync thread ----

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("block sync step failed: {}", e.toString(), e);
        }
    }

    /** One sync step; package-private so tests can drive it without the timer. */
    void tick() {
        BlockHeader head = ledger.headHeader();
        peers.broadcast(Channels.STATUS, new ByteWriter(40).u64(head.height()).raw(head.hash().bytes()).toByteArray());
        long finalized = head.height();
        requested.keySet().removeIf(height -> height <= finalized);
        deliverNext(finalized);
        requestAhead(finalized);
    }

    /**
     * Hands the engine every verified block that extends the head, in order; the engine applies
     * them one after another within its next tick. Blocks already handed over are not sent again
     * unless the engine has not moved for a while (it refused one, e.g. on divergence).
     */
    private void deliverNext(long finalized) {
        long now = clockMs.getAsLong();
        if (finalized > lastFinalized) {
            lastFinalized = finalized;
            lastProgressMs = now;
        } else if (delivered > finalized && now - lastProgressMs > REQUEST_TIMEOUT_MS) {
            delivered = finalized;
        }
        synchronized (ready) {
            ready.headMap(finalized, true).clear();
            Hash parent = ledger.headHeader().hash();
            for (long height = finalized + 1; ready.containsKey(height); height++) {
                Verified next = ready.get(height);
                if (!next.verified()) {
                    // Served before the set of its epoch was known here; it is known once its parent is final.
                    if (height != finalized + 1) {
                        return;
                    }
                    if (!verifies(next.block(), next.certificate(), next.from())) {
                        ready.remove(height);
                        return;
                    }
                    next = new Verified(next.block(), next.certificate(), next.from(), true);
                    ready.put(height, next);
                }
                if (!next.block().header().parentHash().equals(parent)) {
                    // A certified block that does not extend our chain: more than a third of the
                    // stake signed a fork, or we did. Never commit it; say so loudly.
                    LOG.error("certified block {} from {} does not extend this node's chain at {}",
                            next.block().height(), next.from(), parent);
                    ready.tailMap(height, true).clear();
                    return;
                }
                if (height > delivered) {
                    engine.deliverDecision(next.block(), next.certificate());
                    delivered = height;
                }
                parent = next.block().hash();
            }
        }
    }

    private void requestAhead(long finalized) {
        long now = clockMs.getAsLong();
        requested.values().removeIf(request -> now - request.atMs() > REQUEST_TIMEOUT_MS);
        for (long height = finalized + 1; height <= finalized + WINDOW; height++) {
            long wanted = height;
            boolean have;
            synchronized (ready) {
                have = ready.containsKey(wanted);
            }
            if (have || requested.containsKey(wanted)) {
                continue;
            }
            Optional<PublicKey> source = peerHeights.entrySet().stream().filter(e -> e.getValue() >= wanted)
                    .map(Map.Entry::getKey).sorted().skip(wanted % Math.max(1, countAtLeast(wanted))).findFirst();
            if (source.isEmpty()) {
                return;
            }
            requested.put(wanted, new Request(source.get(), now));
            peers.send(source.get(), Channels.BLOCK_REQUEST, new ByteWriter(8).u64(wanted).toByteArray());
        }
    }

    private long countAtLeast(long height) {
        return peerHeights.values().stream().filter(h -> h >= height).count();
    }

    long bestPeerHeight() {
        return peerHeights.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
