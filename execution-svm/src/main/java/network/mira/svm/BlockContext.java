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
}
