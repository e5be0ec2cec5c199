package network.mira.p2p.handshake;

import java.util.Objects;
import network.mira.core.crypto.Hash;
import network.mira.p2p.NodeIdentity;

/** What this node states in its Hello and expects the peer's Hello to match. */
public record LocalNode(NodeIdentity identity, String chainId, Hash genesisHash, int listenPort) {
    public LocalNode {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(genesisHash, "genesisHash");
    }
}
