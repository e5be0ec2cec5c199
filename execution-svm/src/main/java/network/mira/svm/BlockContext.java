package network.mira.svm;

import java.util.Objects;
import network.mira.core.crypto.Hash;
import network.mira.svm.compute.ComputeParameters;

/**
 * What a block gives every transaction in it: its height and time, the chain's fee and compute
 * parameters (fixed by genesis) and the hash of its parent. The timestamp is the proposer's,
 * checked by voters; execution never reads a clock.
 *
 * @param parentHash the hash of the block at {@code height - 1}. Every node knows it before the
 *                   block executes and no one can choose it once the parent is finalized, so a block
 *                   hook may use it as a seed (for example to draw a committee); it is not secret
 */
public record BlockContext(long height, long timestampMs, long lamportsPerSignature, ComputeParameters compute,
                           Hash parentHash) {
    public BlockContext {
        if (height < 0 || lamportsPerSignature < 0) {
            throw new IllegalArgumentException("height and fee must not be negative");
        }
        Objects.requireNonNull(compute, "compute");
        Objects.requireNonNull(parentHash, "parentHash");
    }

    /**
     * A block without a chain behind it, its parent hash {@link Hash#ZERO}: for tests and tools
     * that execute transactions outside a ledger. Consensus code passes the real parent hash.
     */
    public BlockContext(long height, long timestampMs, long lamportsPerSignature, ComputeParameters compute) {
        this(height, timestampMs, lamportsPerSignature, compute, Hash.ZERO);
    }
}
