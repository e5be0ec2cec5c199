package network.mira.node.network;

import java.util.Optional;
import java.util.Set;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.evidence.EvidencePool;
import network.mira.settlement.evidence.EvidenceRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Double-sign evidence reaches every validator's pool, so whoever proposes next includes it: what
 * this node's engine reports is kept and sent to all peers, what peers send is verified, kept and
 * relayed. Evidence that does not verify costs the sender score; stale or known evidence does not.
 */
public final class EvidenceGossip {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceGossip.class);
    private static final int INVALID_PENALTY = 50;
    private static final Set<EvidenceRefusal.Reason> HARMLESS = Set.of(EvidenceRefusal.Reason.DUPLICATE,
            EvidenceRefusal.Reason.EXPIRED, EvidenceRefusal.Reason.POOL_FULL, EvidenceRefusal.Reason.FUTURE_HEIGHT);

    private final EvidencePool pool;
    private final PeerMessenger peers;

    public EvidenceGossip(EvidencePool pool, PeerMessenger peers) {
        this.pool = pool;
        this.peers = peers;
    }

    /** The engine saw a validator sign two conflicting votes. */
    public void onReported(DuplicateVoteEvidence evidence) {
        Optional<EvidenceRefusal> refusal = pool.add(evidence);
        if (refusal.isEmpty()) {
            peers.broadcast(Channels.EVIDENCE, evidence.encode());
        } else {
            LOG.debug("own evidence not kept: {}", refusal.get());
        }
    }

    public void onMessage(PublicKey from, byte[] payload) {
        DuplicateVoteEvidence evidence;
        try {
            evidence = DuplicateVoteEvidence.decode(payload);
        } catch (DecodeException e) {
            peers.penalize(from, "malformed evidence: " + e.getMessage(), INVALID_PENALTY);
            return;
        }
        Optional<EvidenceRefusal> refusal = pool.add(evidence);
        if (refusal.isEmpty()) {
            peers.broadcastExcept(from, Channels.EVIDENCE, payload);
        } else if (!HARMLESS.contains(refusal.get().reason())) {
            peers.penalize(from, "invalid evidence: " + refusal.get(), INVALID_PENALTY);
        }
    }
}
