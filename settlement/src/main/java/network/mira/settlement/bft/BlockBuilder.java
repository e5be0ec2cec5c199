package network.mira.settlement.bft;

import network.mira.core.block.BlockHeader;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/** Builds (and executes) the block this validator proposes on top of the last finalized one. */
public interface BlockBuilder {
    BlockHeader build(long height, Hash parentHash, Hash parentStateRoot, PublicKey proposer);
}
