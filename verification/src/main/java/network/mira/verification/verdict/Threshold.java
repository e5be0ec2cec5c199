package network.mira.verification.verdict;

/**
 * The verdict rule, in exact integer arithmetic: a verdict wins when
 * {@code stake * 10000 >= thresholdBps * committeeStake}, compared as 128-bit products so no stake
 * can overflow it. The threshold is above 5000 bps, so TRUE and FALSE cannot both win.
 */
public final class Threshold {
    /** Smallest threshold: a strict majority of the committee's stake. */
    public static final int MIN_BPS = 5_001;
    public static final int MAX_BPS = 10_000;
    /** Two thirds, rounded up: the default of a request. */
    public static final int DEFAULT_BPS = 6_667;

    private Threshold() {}

    public static boolean reaches(long stake, long committeeStake, int thresholdBps) {
        if (stake < 0 || committeeStake <= 0 || thresholdBps < MIN_BPS || thresholdBps > MAX_BPS) {
            throw new IllegalArgumentException("need stake >= 0, committee stake > 0 and threshold in "
                    + MIN_BPS + ".." + MAX_BPS + " bps");
        }
        long leftHigh = Math.multiplyHigh(stake, MAX_BPS);
        long rightHigh = Math.multiplyHigh(committeeStake, thresholdBps);
        if (leftHigh != rightHigh) {
            return leftHigh > rightHigh;
        }
        return Long.compareUnsigned(stake * MAX_BPS, committeeStake * thresholdBps) >= 0;
    }

    /** The verdict of a claim whose TRUE and FALSE stakes are these. */
    public static FinalVerdict verdict(long trueStake, long falseStake, long committeeStake, int thresholdBps) {
        if (reaches(trueStake, committeeStake, thresholdBps)) {
            return FinalVerdict.TRUE;
        }
        if (reaches(falseStake, committeeStake, thresholdBps)) {
            return FinalVerdict.FALSE;
        }
        return FinalVerdict.INCONCLUSIVE;
    }
}
