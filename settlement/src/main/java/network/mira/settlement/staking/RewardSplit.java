package network.mira.settlement.staking;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Integer division of lamports by weight. Each share is {@code floor(total * weight / sum)}, computed
 * in BigInteger because the product can exceed a long; the shares therefore sum to at most
 * {@code total}, short by less than the number of weighted parties.
 */
final class RewardSplit {
    private RewardSplit() {}

    /** Floor shares of {@code total} by {@code weights}; all zero when the weights sum to zero. */
    static long[] floorShares(long total, long[] weights) {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative, got " + total);
        }
        BigInteger sum = BigInteger.ZERO;
        for (long weight : weights) {
            if (weight < 0) {
                throw new IllegalArgumentException("weights must not be negative, got " + weight);
            }
            sum = sum.add(BigInteger.valueOf(weight));
        }
        long[] shares = new long[weights.length];
        if (sum.signum() == 0) {
            return shares;
        }
        BigInteger amount = BigInteger.valueOf(total);
        for (int i = 0; i < weights.length; i++) {
            shares[i] = amount.multiply(BigInteger.valueOf(weights[i])).divide(sum).longValueExact();
        }
        return shares;
    }

    /**
     * Shares of {@code total} that sum to exactly {@code total} (if any weight is positive): floor shares,
     * then the remainder one lamport each to the parties in descending weight, ties by position (callers
     * pass parties sorted by identity). The remainder is smaller than the number of parties, so no one gets
     * more than one extra lamport.
     */
    static long[] exactShares(long total, long[] weights) {
        long[] shares = floorShares(total, weights);
        long remainder = total - Arrays.stream(shares).sum();
        if (Arrays.stream(weights).allMatch(w -> w == 0)) {
            return shares;
        }
        Integer[] order = new Integer[weights.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> weights[i]).reversed()
                .thenComparingInt(i -> i));
        for (int k = 0; remainder > 0; k++) {
            shares[order[k]]++;
            remainder--;
        }
        return shares;
    }

    /** {@code amount * bps / 10000}, floored, without overflow. */
    static long bpsOf(long amount, long bps) {
        return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(bps))
                .divide(BigInteger.valueOf(StakingParameters.BPS)).longValueExact();
    }
}
