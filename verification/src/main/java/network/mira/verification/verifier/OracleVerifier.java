package network.mira.verification.verifier;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A simulated verifier: it knows the truth and answers correctly with a given accuracy. Whether it
 * is right about a claim is decided by a deterministic draw, so a simulation with the same seeds
 * gives the same verdicts on every run and machine:
 * <pre>
 *   h    = SHA-256("mira-oracle-v1" || seed as 8 bytes big-endian || claim as UTF-8)
 *   draw = (first 8 bytes of h as an unsigned big-endian integer) mod 10,000
 *   correct when draw &lt; accuracyBps
 * </pre>
 * A correct answer is TRUE for a true claim and FALSE for a false one; a wrong answer is the
 * opposite (never UNCERTAIN), which is what a random guesser does. Giving each simulated validator
 * its own seed makes their errors independent; the bias of the modulo is below 10^-15.
 */
public final class OracleVerifier implements Verifier {
    public static final int BPS_DENOMINATOR = 10_000;
    private static final byte[] DOMAIN = "mira-oracle-v1".getBytes(StandardCharsets.US_ASCII);

    private final Predicate<String> truth;
    private final int accuracyBps;
    private final long seed;
    private volatile boolean closed;

    /**
     * @param truth       whether a claim is true
     * @param accuracyBps the chance of a correct answer in basis points, 0 to 10,000 (5,000: a coin toss)
     */
    public OracleVerifier(Predicate<String> truth, int accuracyBps, long seed) {
        this.truth = Objects.requireNonNull(truth, "truth");
        if (accuracyBps < 0 || accuracyBps > BPS_DENOMINATOR) {
            throw new IllegalArgumentException("accuracyBps must be between 0 and " + BPS_DENOMINATOR
                    + ", got " + accuracyBps);
        }
        this.accuracyBps = accuracyBps;
        this.seed = seed;
    }

    /** The verdict for one claim, on the calling thread. */
    public Judgement answer(String claim) {
        Objects.requireNonNull(claim, "claim");
        if (closed) {
            return Judgement.abstain(AbstainReason.CLOSED, "verifier closed");
        }
        boolean right = truth.test(claim);
        boolean answer = draw(seed, claim) < accuracyBps ? right : !right;
        return Judgement.of(answer ? Verdict.TRUE : Verdict.FALSE);
    }

    @Override
    public CompletableFuture<Judgement> judge(String claim) {
        return CompletableFuture.completedFuture(answer(claim));
    }

    /** The deterministic draw for (seed, claim), 0 to 9,999. */
    static int draw(long seed, String claim) {
        MessageDigest sha256 = sha256();
        sha256.update(DOMAIN);
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
        sha256.update(claim.getBytes(StandardCharsets.UTF_8));
        long first = ByteBuffer.wrap(sha256.digest()).getLong();
        return (int) Long.remainderUnsigned(first, BPS_DENOMINATOR);
    }

    public int accuracyBps() {
        return accuracyBps;
    }

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public void close() {
        closed = true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
