package network.mira.verification.stats;

import java.math.BigInteger;

/**
 * The random-guessing detector: a one-sided exact binomial test of "this validator's accuracy is at
 * least the honest floor p0". Over a window of n resolved claims (claims with a final TRUE or FALSE
 * verdict that the validator revealed on), of which it agreed with k, the test rejects, and the
 * validator is slashed, iff
 * <pre>
 *   P(X &lt;= k | X ~ Binomial(n, p0)) &lt;= alpha
 * </pre>
 * With p0 = a / 10^6 and alpha = s / 10^6 (parts per million) and b = 10^6 - a, the probability is
 * the fraction {@code sum_{i=0..k} C(n,i) a^i b^(n-i) / (10^6)^n}, so the test is the exact integer
 * comparison
 * <pre>
 *   10^6 * sum_{i=0..k} C(n,i) a^i b^(n-i)  &lt;=  s * (10^6)^n
 * </pre>
 * in {@link BigInteger}: no rounding anywhere, so every node gets the same answer. Terms are built
 * one from the previous, {@code T(i+1) = T(i) * (n-i) * a / ((i+1) * b)}, a division that is always
 * exact. The CDF grows with k, so the rejected k are exactly {@code 0..criticalAgreements(n)}.
 */
public final class GuessingTest {
    public static final int PPM_DENOMINATOR = 1_000_000;
    /** Largest window: keeps the integers below about 6,000 decimal digits. */
    public static final int MAX_WINDOW = 1_000;
    private static final BigInteger PPM = BigInteger.valueOf(PPM_DENOMINATOR);

    private final int honestFloorPpm;
    private final int significancePpm;

    /**
     * @param honestFloorPpm  p0, the least accuracy an honest validator is assumed to have: 1..999,999 ppm
     * @param significancePpm alpha, the chance of slashing a validator exactly at the floor: 1..999,999 ppm
     */
    public GuessingTest(int honestFloorPpm, int significancePpm) {
        if (honestFloorPpm < 1 || honestFloorPpm >= PPM_DENOMINATOR) {
            throw new IllegalArgumentException("honest floor must be 1..999999 ppm, got " + honestFloorPpm);
        }
        if (significancePpm < 1 || significancePpm >= PPM_DENOMINATOR) {
            throw new IllegalArgumentException("significance must be 1..999999 ppm, got " + significancePpm);
        }
        this.honestFloorPpm = honestFloorPpm;
        this.significancePpm = significancePpm;
    }

    public int honestFloorPpm() {
        return honestFloorPpm;
    }

    public int significancePpm() {
        return significancePpm;
    }

    /**
     * Whether k agreements in a window of n rejects "accuracy &gt;= p0", i.e. the validator is slashed.
     *
     * @throws IllegalArgumentException unless 1 &lt;= n &lt;= {@link #MAX_WINDOW} and 0 &lt;= k &lt;= n
     */
    public boolean rejects(int n, int k) {
        checkWindow(n, k);
        BigInteger left = cdfNumerator(n, k).multiply(PPM);
        BigInteger right = BigInteger.valueOf(significancePpm).multiply(PPM.pow(n));
        return left.compareTo(right) <= 0;
    }

    /**
     * The most agreements in a window of n that still reject, or -1 if none does (the window is too
     * short for this floor and significance). Found by bisection, since rejection is monotone in k.
     */
    public int criticalAgreements(int n) {
        checkWindow(n, 0);
        int low = -1;
        int high = n;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (rejects(n, middle)) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    /** {@code sum_{i=0..k} C(n,i) a^i b^(n-i)}: P(X &lt;= k) times (10^6)^n. */
    BigInteger cdfNumerator(int n, int k) {
        BigInteger a = BigInteger.valueOf(honestFloorPpm);
        BigInteger b = BigInteger.valueOf(PPM_DENOMINATOR - honestFloorPpm);
        BigInteger term = b.pow(n);
        BigInteger sum = term;
        for (int i = 0; i < k; i++) {
            term = term.multiply(BigInteger.valueOf(n - i)).multiply(a)
                    .divide(BigInteger.valueOf(i + 1).multiply(b));
            sum = sum.add(term);
        }
        return sum;
    }

    private static void checkWindow(int n, int k) {
        if (n < 1 || n > MAX_WINDOW || k < 0 || k > n) {
            throw new IllegalArgumentException("need 1 <= n <= " + MAX_WINDOW + " and 0 <= k <= n, got n="
                    + n + " k=" + k);
        }
    }
}
