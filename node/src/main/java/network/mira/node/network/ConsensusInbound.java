package network.mira.node.network;

import java.util.Optional;
import network.mira.core.block.Block;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.gossip.SeenCache;
import network.mira.settlement.bft.Proposal;
import network.mira.settlement.bft.ProposalValidator;
import network.mira.settlement.bft.Vote;
import network.mira.settlement.bft.VoteValidator;
import network.mira.settlement.consensus.ConsensusInbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peers' proposals and votes on their way to the engine: decoded, de-duplicated, checked
 * (signature, validator, block body), handed to the consensus thread and relayed to the other
 * peers, so validators that are not directly connected still hear everything. Anything forged or
 * malformed costs the sender score; messages of past heights are simply dropped.
 */
public final class ConsensusInbound {
    private static final Logger LOG = LoggerFactory.getLogger(ConsensusInbound.class);
    static final int MALFORMED_PENALTY = 20;
    static final int FORGED_PENALTY = 50;

    private final ConsensusInbox engine;
    private final ProposalValidator proposals;
    private final VoteValidator votes;
    private final SeenCache seen;
    private final PeerMessenger peers;

    public ConsensusInbound(ConsensusInbox engine, ProposalValidator proposals, VoteValidator votes, SeenCache seen,
                            PeerMessenger peers) {
        this.engine = engine;
        this.proposals = proposals;
        this.votes = votes;
        this.seen = seen;
        this.peers = peers;
    }

    public void onProposal(PublicKey from, byte[] payload) {
        Hash id = Hash.sha256(payload);
        if (!seen.markSeen(id)) {
            return;
        }
        Proposal proposal;
        Block block;
        try {
            ByteReader reader = new ByteReader(payload);
            proposal = Proposal.decode(reader);
            block = Block.decode(reader.bytes(Integer.MAX_VALUE, "proposed block"));
            reader.expectEnd("proposal message");
        } catch (DecodeException e) {
            peers.penalize(from, "malformed proposal: " + e.getMessage(), MALFORMED_PENALTY);
            return;
        }
        if (proposal.height() < engine.currentHeight()) {
            return; // a late copy of a decided height
        }
        Optional<String> invalid = proposals.validate(proposal);
        if (invalid.isEmpty() && !block.hash().equals(proposal.block().hash())) {
            invalid = Optional.of("the block is not the proposed one");
        }
        if (invalid.isPresent()) {
            refuse(from, id, proposal.height(), "proposal", invalid.get());
            return;
        }
        engine.deliverProposal(proposal, block);
        peers.broadcastExcept(from, Channels.PROPOSAL, payload);
    }

    public void onVote(PublicKey from, byte[] payload) {
        Hash id = Hash.sha256(payload);
        if (!seen.markSeen(id)) {
            return;
        }
        Vote vote;
        try {
            ByteReader reader = new ByteReader(payload);
            vote = Vote.decode(reader, "vote");
            reader.expectEnd("vote message");
        } catch (DecodeException e) {
            peers.penalize(from, "malformed vote: " + e.getMessage(), MALFORMED_PENALTY);
            return;
        }
        if (vote.height() < engine.currentHeight()) {
            return;
        }
        Optional<String> invalid = votes.validate(vote);
        if (invalid.isPresent()) {
            refuse(from, id, vote.height(), "vote", invalid.get());
            return;
        }
        engine.deliverVote(vote);
        peers.broadcastExcept(from, Channels.VOTE, payload);
    }

    /**
     * A message for a height after the one being decided is judged against the latest known set,
     * which at an epoch boundary is not yet its own: not the sender's fault. It is dropped without
     * penalty and forgotten, so the sender's re-broadcast is judged again once the set is known.
     */
    private void refuse(PublicKey from, Hash id, long height, String kind, String reason) {
        LOG.debug("{} from {} refused: {}", kind, from, reason);
        if (height > engine.currentHeight()) {
            seen.forget(id);
            return;
        }
        peers.penalize(from, "invalid " + kind + ": " + reason, FORGED_PENALTY);
    }
}
