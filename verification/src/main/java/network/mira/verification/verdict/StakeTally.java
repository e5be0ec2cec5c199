package network.mira.verification.verdict;

/**
 * One claim's tallies by stake and the verdict they give. The four tallies partition the
 * committee's stake: every member counts once, as TRUE, FALSE, UNCERTAIN or missing (no reveal).
 */
public record StakeTally(long stakeTrue, long stakeFalse, long stakeUncertain, long stakeMissing,
                         long committeeStake, int thresholdBps, FinalVerdict verdict) {
    public StakeTally {
        if (stakeTrue < 0 || stakeFalse < 0 || stakeUncertain < 0 || stakeMissing < 0 || committeeStake <= 0) {
            throw new IllegalArgumentException("tallies must be non-negative and the committee stake positive");
        }
        // Each partial sum is at most committeeStake, so no step below can overflow.
        if (stakeTrue > committeeStake - stakeFalse
                || stakeTrue + stakeFalse > committeeStake - stakeUncertain
                || stakeTrue + stakeFalse + stakeUncertain != committeeStake - stakeMissing) {
            throw new IllegalArgumentException("tallies must add up to the committee stake " + committeeStake);
        }
        if (verdict == null) {
            throw new IllegalArgumentException("verdict must not be null");
        }
    }

    /** The stake behind the final verdict: 0 when INCONCLUSIVE. */
    public long stakeForVerdict() {
        return switch (verdict) {
            case TRUE -> stakeTrue;
            case FALSE -> stakeFalse;
            case INCONCLUSIVE -> 0;
        };
    }
}
