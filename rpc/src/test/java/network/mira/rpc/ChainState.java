package network.mira.rpc;

import network.mira.core.crypto.Hash;

/** What a refused input must not change: heights, state root, mempool and the test accounts. */
record ChainState(long finalizedHeight, Hash stateRoot, int mempoolSize, long alice, long bob, long faucet,
                  long programOwned) {
    static ChainState of(TestNode node) {
        return new ChainState(node.ledger.finalizedHeight(), node.ledger.state().root(), node.mempool.size(),
                node.lamports(node.alice), node.lamports(node.bob), node.lamports(node.faucetKey),
                node.lamports(node.programOwned));
    }
}
