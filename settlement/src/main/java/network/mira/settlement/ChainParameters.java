package network.mira.settlement;

import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Hash;
import network.mira.svm.BlockContext;
import network.mira.svm.compute.ComputeParameters;

/** The consensus-relevant parameters of a chain, fixed by its genesis. */
public record ChainParameters(String chainId, Hash genesisHash, long lamportsPerSignature,
                              int blockhashMaxAgeBlocks, ComputeParameters compute, ValidatorSet validators) {

    /** What every transaction of the block at {@code height} sees; the one place a BlockContext is made. */
    public BlockContext blockContext(long height, long timestampMs) {
        return new BlockContext(height, timestampMs, lamportsPerSignature, compute);
    }
}
