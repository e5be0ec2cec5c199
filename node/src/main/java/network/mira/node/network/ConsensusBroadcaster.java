package network.mira.node.network;

import network.mira.core.block.Block;
import network.mira.core.codec.ByteWriter;
import network.mira.settlement.bft.Proposal;
import network.mira.settlement.bft.Vote;
import network.mira.settlement.consensus.BftEngine;

/** Sends this validator's proposals (with their blocks) and votes to every connected peer. */
public final class ConsensusBroadcaster implements BftEngine.Broadcaster {
    private final PeerMessenger peers;

    public ConsensusBroadcaster(PeerMessenger peers) {
        this.peers = peers;
    }

    static byte[] encodeProposal(Proposal proposal, Block block) {
        byte[] body = block.encode();
        return proposal.encodeTo(new ByteWriter(400 + body.length)).bytes(body).toByteArray();
    }

    @Override
    public void proposal(Proposal proposal, Block block) {
        peers.broadcast(Channels.PROPOSAL, encodeProposal(proposal, block));
    }

    @Override
    public void vote(Vote vote) {
        peers.broadcast(Channels.VOTE, vote.encode());
    }
}
