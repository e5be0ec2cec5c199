package network.mira.settlement.evidence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import network.mira.core.crypto.Hash;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.consensus.FinalizationListener;
import network.mira.settlement.evidence.EvidenceRefusal.Reason;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.settlement.ledger.IncludedEvidence;
import network.mira.settlement.ledger.Ledger;

/**
 * Verified evidence waiting for a block. Evidence enters through {@link #add} (reported by this
 * node's consensus core, or received by gossip), which verifies it and refuses duplicates, also
 * those already in a finalized block (looked up in the ledger). Block builders take it through
 * {@link EvidenceSource#evidenceFor} in a deterministic order: oldest height first, then by hash.
 * Once a block that includes it is finalized ({@link #onFinalized}, or {@link #markIncluded}) it
 * leaves the pool; the ledger is its durable home from then on.
 *
 * <p>Pending evidence is held in memory only: a restarted node forgets it. That loses nothing a
 * correct network needs, since every validator that saw the equivocation holds the same evidence
 * and its own core reports it again only if it sees the votes again; durable pending evidence can
 * come with gossip. Bounded by {@code capacity}; safe for concurrent use (signatures are checked
 * outside the lock).
 */
public final class EvidencePool implements EvidenceSource, FinalizationListener {
    public static final int DEFAULT_CAPACITY = 10_000;

    /** Pool order: height, then evidence hash. */
    private record Key(long height, Hash hash) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byHeight = Long.compare(height, other.height);
            return byHeight != 0 ? byHeight : hash.compareTo(other.hash);
        }
    }

    private final EvidenceVerifier verifier;
    private final Ledger ledger;
    private final int capacity;
    private final TreeMap<Key, DuplicateVoteEvidence> pending = new TreeMap<>();
    /** Lookup only; never iterated, so its order cannot leak into blocks. */
    private final Map<Hash, Key> keysByHash = new HashMap<>();

    public EvidencePool(EvidenceVerifier verifier, Ledger ledger, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("evidence pool capacity must be positive, got " + capacity);
        }
        this.verifier = verifier;
        this.ledger = ledger;
        this.capacity = capacity;
    }

    /** @return why the evidence was refused, or empty if it is now pending */
    public Optional<EvidenceRefusal> add(DuplicateVoteEvidence evidence) {
        DuplicateVoteEvidence canonical = evidence.canonical();
        Key key = new Key(canonical.height(), canonical.hash());
        synchronized (this) {
            if (keysByHash.containsKey(key.hash())) {
                return refuse(Reason.DUPLICATE, "evidence " + key.hash() + " is already pending");
            }
        }
        Optional<IncludedEvidence> included = ledger.evidence(key.hash());
        if (included.isPresent()) {
            return refuse(Reason.DUPLICATE, "evidence " + key.hash() + " is already in finalized block "
                    + included.get().includedHeight());
        }
        Optional<EvidenceRefusal> refusal = verifier.verifyPending(canonical, ledger.finalizedHeight());
        if (refusal.isPresent()) {
            return refusal;
        }
        synchronized (this) {
            if (keysByHash.containsKey(key.hash())) {
                return refuse(Reason.DUPLICATE, "evidence " + key.hash() + " is already pending");
            }
            if (pending.size() >= capacity) {
                return refuse(Reason.POOL_FULL, "the evidence pool holds its maximum of " + capacity + " items");
            }
            pending.put(key, canonical);
            keysByHash.put(key.hash(), key);
        }
        return Optional.empty();
    }

    /** Up to {@code max} pending items, oldest height first, then by hash. */
    public synchronized List<DuplicateVoteEvidence> pending(int max) {
        requirePositive(max);
        List<DuplicateVoteEvidence> out = new ArrayList<>(Math.min(max, pending.size()));
        for (DuplicateVoteEvidence evidence : pending.values()) {
            if (out.size() == max) {
                break;
            }
            out.add(evidence);
        }
        return out;
    }

    /**
     * Pending items a block at {@code blockHeight} may include, in pool order. Items that expired
     * or that a finalized block already holds are dropped on the way.
     */
    @Override
    public synchronized List<DuplicateVoteEvidence> evidenceFor(long blockHeight, int max) {
        requirePositive(max);
        List<DuplicateVoteEvidence> out = new ArrayList<>();
        Iterator<Map.Entry<Key, DuplicateVoteEvidence>> entries = pending.entrySet().iterator();
        while (entries.hasNext() && out.size() < max) {
            Map.Entry<Key, DuplicateVoteEvidence> entry = entries.next();
            if (entry.getKey().height() >= blockHeight) {
                break; // this height's votes are still being cast; so are all later ones
            }
            boolean expired = verifier.isExpired(entry.getKey().height(), blockHeight - 1);
            if (expired || ledger.evidence(entry.getKey().hash()).isPresent()) {
                entries.remove();
                keysByHash.remove(entry.getKey().hash());
            } else {
                out.add(entry.getValue());
            }
        }
        return out;
    }

    /** Drops items that a finalized block now holds. */
    public synchronized void markIncluded(Collection<Hash> evidenceHashes) {
        for (Hash hash : evidenceHashes) {
            Key key = keysByHash.remove(hash);
            if (key != null) {
                pending.remove(key);
            }
        }
    }

    /** After each finalized block: drop what it included and what has expired. */
    @Override
    public void onFinalized(FinalizedBlock finalized, long executionNanos) {
        List<Hash> included = new ArrayList<>();
        for (byte[] item : finalized.block().evidence()) {
            included.add(Hash.sha256(item));
        }
        markIncluded(included);
        dropExpired(finalized.block().height());
    }

    public synchronized int size() {
        return pending.size();
    }

    public synchronized boolean contains(Hash evidenceHash) {
        return keysByHash.containsKey(evidenceHash);
    }

    /** Drops what the block after {@code finalizedHeight} may no longer include. */
    private synchronized void dropExpired(long finalizedHeight) {
        Iterator<Key> keys = pending.keySet().iterator();
        while (keys.hasNext()) {
            Key key = keys.next();
            if (!verifier.isExpired(key.height(), finalizedHeight)) {
                break; // ordered by height: the rest are younger
            }
            keys.remove();
            keysByHash.remove(key.hash());
        }
    }

    private static void requirePositive(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, got " + max);
        }
    }

    private static Optional<EvidenceRefusal> refuse(Reason reason, String message) {
        return Optional.of(new EvidenceRefusal(reason, message));
    }

    @Override
    public String toString() {
        return "EvidencePool[" + size() + " pending]";
    }
}
