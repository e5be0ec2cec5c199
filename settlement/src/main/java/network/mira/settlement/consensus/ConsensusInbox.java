package network.mira.settlement.consensus;

import network.mira.core.block.Block;
import network.mira.core.consensus.CommitCertificate;
import network.mira.settlement.bft.Proposal;
import network.mira.settlement.bft.Vote;

/**
 * What the network side (gossip, block sync) hands to consensus: messages already checked by the
 * validators, and finalized blocks with their certificates. Thread-safe; the engine takes them on
 * its own thread.
 */
public interface ConsensusInbox {
    void deliverProposal(Proposal proposal, Block block);

    void deliverVote(Vote vote);

    void deliverDecision(Block block, CommitCertificate certificate);

    /** The height being decided (last finalized + 1). */
    long currentHeight();
}
