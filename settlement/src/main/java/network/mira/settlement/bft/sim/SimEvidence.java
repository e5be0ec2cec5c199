package network.mira.settlement.bft.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.evidence.EvidenceVerifier;
import network.mira.settlement.evidence.InvalidEvidenceException;

/**
 * Evidence in the simulation, as the node does it with its {@code EvidencePool}: each node keeps
 * the verified evidence its core reported; as proposer it commits to up to {@link
 * Block#MAX_EVIDENCE} items (oldest height first, then by hash) through the header's evidence
 * root; voters check a proposal's evidence with {@link EvidenceVerifier#verifyBlockEvidence}
 * before voting for it; a finalized block's evidence leaves the pools. Simulated blocks are
 * headers only, so the bodies live here, by evidence root. Everything is ordered (TreeMap,
 * TreeSet), so runs stay deterministic.
 */
final class SimEvidence {
    private static final Comparator<DuplicateVoteEvidence> POOL_ORDER =
            Comparator.comparingLong(DuplicateVoteEvidence::height).thenComparing(DuplicateVoteEvidence::hash);

    private final EvidenceVerifier verifier;
    /** Per node: pending verified evidence by hash. */
    private final List<TreeMap<Hash, DuplicateVoteEvidence>> pools = new ArrayList<>();
    /** Per node: hashes of the evidence in its finalized chain. */
    private final List<TreeSet<Hash>> included = new ArrayList<>();
    /** Evidence root to the encoded items a proposal committed to. */
    private final TreeMap<Hash, List<byte[]>> bodies = new TreeMap<>();

    SimEvidence(EvidenceVerifier verifier, int nodes) {
        this.verifier = verifier;
        for (int i = 0; i < nodes; i++) {
            pools.add(new TreeMap<>());
            included.add(new TreeSet<>());
        }
    }

    /** The node's core reported evidence; the node has finalized {@code finalizedHeight}. */
    void report(int node, DuplicateVoteEvidence evidence, long finalizedHeight) {
        Hash hash = evidence.hash();
        if (!included.get(node).contains(hash) && verifier.verifyPending(evidence, finalizedHeight).isEmpty()) {
            pools.get(node).putIfAbsent(hash, evidence.canonical());
        }
    }

    /** The node's proposal {@code header} (no evidence yet), committing to the evidence it holds. */
    BlockHeader withEvidence(int node, BlockHeader header) {
        List<DuplicateVoteEvidence> candidates = new ArrayList<>(pools.get(node).values());
        candidates.sort(POOL_ORDER);
        List<byte[]> encoded = new ArrayList<>();
        for (DuplicateVoteEvidence evidence : candidates) {
            if (encoded.size() < Block.MAX_EVIDENCE && evidence.height() < header.height()
                    && !verifier.isExpired(evidence.height(), header.height() - 1)) {
                encoded.add(evidence.encode());
            }
        }
        if (encoded.isEmpty()) {
            return header;
        }
        Hash root = Block.evidenceRoot(encoded);
        bodies.putIfAbsent(root, encoded);
        return new BlockHeader(BlockHeader.VERSION, header.height(), header.parentHash(), header.stateRoot(),
                header.transactionsRoot(), header.timestampMs(), header.proposer(), header.validatorSetHash(),
                header.transactionCount(), root, encoded.size());
    }

    /** Whether {@code node} finds the proposal's evidence valid on top of its finalized chain. */
    boolean valid(int node, BlockHeader header) {
        List<byte[]> body = body(header);
        if (body == null) {
            return false;
        }
        try {
            verifier.verifyBlockEvidence(new Block(header, List.of(), body), included.get(node)::contains);
            return true;
        } catch (InvalidEvidenceException e) {
            return false;
        }
    }

    /** The node finalized {@code header}: its evidence is included and leaves the node's pool. */
    void finalized(int node, BlockHeader header) {
        for (Hash hash : hashesIn(header)) {
            included.get(node).add(hash);
            pools.get(node).remove(hash);
        }
    }

    /** Hashes of the evidence a header commits to. */
    Set<Hash> hashesIn(BlockHeader header) {
        Set<Hash> hashes = new TreeSet<>();
        List<byte[]> body = body(header);
        if (body == null) {
            throw new IllegalStateException("block " + header.height() + " commits to unknown evidence root "
                    + header.evidenceRoot());
        }
        for (byte[] item : body) {
            hashes.add(Hash.sha256(item));
        }
        return hashes;
    }

    /** Decoded evidence of a header, for tests and reports. */
    List<DuplicateVoteEvidence> evidenceIn(BlockHeader header) {
        List<DuplicateVoteEvidence> out = new ArrayList<>();
        List<byte[]> body = body(header);
        if (body == null) {
            throw new IllegalStateException("block " + header.height() + " commits to unknown evidence root "
                    + header.evidenceRoot());
        }
        for (byte[] item : body) {
            try {
                out.add(DuplicateVoteEvidence.decode(item));
            } catch (DecodeException e) {
                throw new IllegalStateException("simulated evidence does not decode: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The header's evidence items, or null if no proposal committed to its evidence root and count. */
    private List<byte[]> body(BlockHeader header) {
        if (header.evidenceCount() == 0 && header.evidenceRoot().equals(Hash.ZERO)) {
            return List.of();
        }
        List<byte[]> body = bodies.get(header.evidenceRoot());
        return body != null && body.size() == header.evidenceCount() ? body : null;
    }
}
