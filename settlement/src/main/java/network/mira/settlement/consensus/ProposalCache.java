package network.mira.settlement.consensus;

import java.util.HashMap;
import java.util.Map;
import network.mira.core.block.Block;
import network.mira.core.crypto.Hash;
import network.mira.settlement.production.BuiltBlock;

/**
 * Block bodies of the height in progress, by header hash: the consensus core decides on headers,
 * the node must still hold the transactions and the executed state to commit one. Bodies arrive
 * unexecuted (replayed from the WAL, later from peers) or executed (built here, or replayed).
 * Consensus thread only. Cleared when the height is finalized.
 */
final class ProposalCache {
    private final Map<Hash, Block> bodies = new HashMap<>();
    private final Map<Hash, BuiltBlock> executed = new HashMap<>();

    void putBody(Block block) {
        bodies.putIfAbsent(block.hash(), block);
    }

    void putExecuted(BuiltBlock built) {
        bodies.putIfAbsent(built.block().hash(), built.block());
        executed.put(built.block().hash(), built);
    }

    Block body(Hash blockHash) {
        return bodies.get(blockHash);
    }

    BuiltBlock executed(Hash blockHash) {
        return executed.get(blockHash);
    }

    void clear() {
        bodies.clear();
        executed.clear();
    }
}
