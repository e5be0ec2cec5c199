package network.mira.rpc.service;

import java.util.Objects;
import java.util.Optional;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * What a node reports about itself at one moment.
 *
 * @param height            highest block this node has executed
 * @param confirmedHeight   highest block with more than 2/3 of stake prevoting for it
 * @param stateRoot         state root of the finalized head
 * @param validator         this node's validator key, empty for a non-validator
 */
public record NodeStatusSnapshot(String chainId, Hash genesisHash, long height, long finalizedHeight,
                                 long confirmedHeight, Hash stateRoot, Hash latestBlockHash,
                                 long latestBlockTimeMs, Optional<PublicKey> validator, int peers,
                                 int mempoolSize, String version, int validatorCount, long epoch) {
    public NodeStatusSnapshot {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(genesisHash, "genesisHash");
        Objects.requireNonNull(stateRoot, "stateRoot");
        Objects.requireNonNull(latestBlockHash, "latestBlockHash");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(version, "version");
        if (height < 0 || finalizedHeight < 0 || confirmedHeight < 0 || peers < 0 || mempoolSize < 0
                || validatorCount < 0) {
            throw new IllegalArgumentException("heights and counts must not be negative");
        }
    }
}
