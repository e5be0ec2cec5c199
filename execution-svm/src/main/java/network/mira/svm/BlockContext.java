package network.mira.svm;

import java.util.Objects;
import network.mira.svm.compute.ComputeParameters;

/**
 * What a block gives every transaction in it: its height and time, and the chain's fee and
 * compute parameters (fixed by genesis). The timestamp is the proposer's, checked by voters;
 * execution never reads a clock.
 */
public record BlockContext(long height, long timestampMs, long lamportsPerSignature, ComputeParameters compute) {
    public BlockContext {
        if (height < 0 || lamportsPerSignature < 0) {
            throw new IllegalArgumentException("height and fee must not be negative");
        }
        Objects.requireNonNull(compute, "compute");
    }

    /**
     * Solana's default compute limits instead of a chain's. Transitional, for callers written
     * before the compute parameters existed; production code takes the genesis values through
     * {@code ChainParameters.blockContext}.
     */
    @Deprecated(forRemoval = true)
    public BlockContext(long height, long timestampMs, long lamportsPerSignature) {
        this(height, timestampMs, lamportsPerSignature, ComputeParameters.SOLANA_DEFAULTS);
    }
}
