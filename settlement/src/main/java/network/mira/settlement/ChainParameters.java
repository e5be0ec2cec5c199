package network.mira.settlement;

import java.util.Objects;
import java.util.Optional;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Hash;
import network.mira.settlement.staking.StakingParameters;
import network.mira.svm.BlockContext;
import network.mira.svm.compute.ComputeParameters;

/**
 * The consensus-relevant parameters of a chain, fixed by its genesis.
 *
 * @param validators the genesis set; on a chain with staking, later epochs' sets come from the ledger
 * @param staking    present when the genesis carries staking parameters: the stake program runs, epochs
 *                   switch sets, rewards are paid and misbehaviour is slashed; absent, the genesis set
 *                   decides every height
 */
public record ChainParameters(String chainId, Hash genesisHash, long lamportsPerSignature,
                              int blockhashMaxAgeBlocks, ComputeParameters compute, ValidatorSet validators,
                              Optional<StakingParameters> staking) {

    public ChainParameters {
        Objects.requireNonNull(staking, "staking");
    }

    /** A chain without staking: one validator set for ever. */
    public ChainParameters(String chainId, Hash genesisHash, long lamportsPerSignature, int blockhashMaxAgeBlocks,
                           ComputeParameters compute, ValidatorSet validators) {
        this(chainId, genesisHash, lamportsPerSignature, blockhashMaxAgeBlocks, compute, validators, Optional.empty());
    }

    /**
     * What every transaction of the block at {@code height} sees; the one place a BlockContext is made.
     * The builder and the replayer must pass the same {@code parentHash} (the parent header's hash),
     * or the block hooks that seed from it would disagree.
     */
    public BlockContext blockContext(long height, long timestampMs, Hash parentHash) {
        return new BlockContext(height, timestampMs, lamportsPerSignature, compute, parentHash);
    }

    /** A block context without a parent ({@link Hash#ZERO}): for tests that execute outside a ledger. */
    public BlockContext blockContext(long height, long timestampMs) {
        return blockContext(height, timestampMs, Hash.ZERO);
    }
}
