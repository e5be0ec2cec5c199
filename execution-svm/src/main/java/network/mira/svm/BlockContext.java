package network.mira.svm;

/**
 * What a block gives every transaction in it. The timestamp is the proposer's, checked by voters;
 * execution never reads a clock.
 */
public record BlockContext(long height, long timestampMs, long lamportsPerSignature) {
    public BlockContext {
        if (height < 0 || lamportsPerSignature < 0) {
            throw new IllegalArgumentException("height and fee must not be negative");
        }
    }

    public long feeFor(int signatureCount) {
        return Math.multiplyExact(lamportsPerSignature, (long) signatureCount);
    }
}
