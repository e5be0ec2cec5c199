package network.mira.verification.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What a run measured, as counts; the ratios are derived for reporting only (rounded half-even to
 * {@link #SCALE} decimals) and decide nothing.
 *
 * @param criticalAgreements the most agreements in a window that the guessing test rejects, or -1
 */
public record SimulationResult(SimulationParameters parameters, List<ValidatorOutcome> validators,
                               int claimsDecided, int claimsCorrect, int claimsInconclusive, int claimsUnassigned,
                               int criticalAgreements) {
    public static final int SCALE = 4;

    public SimulationResult {
        validators = List.copyOf(validators);
    }

    /** Mean over honest validators of their accuracy against the truth (those that judged anything). */
    public BigDecimal singleAccuracy() {
        BigDecimal sum = BigDecimal.ZERO;
        int counted = 0;
        for (ValidatorOutcome validator : validators) {
            if (!validator.guesser() && validator.answered() > 0) {
                sum = sum.add(BigDecimal.valueOf(validator.correct())
                        .divide(BigDecimal.valueOf(validator.answered()), 12, RoundingMode.HALF_EVEN));
                counted++;
            }
        }
        return counted == 0 ? BigDecimal.ZERO.setScale(SCALE)
                : sum.divide(BigDecimal.valueOf(counted), SCALE, RoundingMode.HALF_EVEN);
    }

    /** Correct verdicts among claims decided TRUE or FALSE. */
    public BigDecimal ensembleAccuracy() {
        return ratio(claimsCorrect, claimsDecided);
    }

    /** INCONCLUSIVE claims among claims that had a committee. */
    public BigDecimal inconclusiveRate() {
        return ratio(claimsInconclusive, claimsDecided + claimsInconclusive);
    }

    /** Agreements with decided verdicts over resolved claims, pooled over honest validators. */
    public BigDecimal honestAgreement() {
        return pooledAgreement(false);
    }

    /** The same, pooled over guessers: what the guessing test sees of them. */
    public BigDecimal guesserAgreement() {
        return pooledAgreement(true);
    }

    public int guessersSlashed() {
        return (int) validators.stream().filter(v -> v.guesser() && v.slashed()).count();
    }

    public int honestSlashed() {
        return (int) validators.stream().filter(v -> !v.guesser() && v.slashed()).count();
    }

    private BigDecimal pooledAgreement(boolean guessers) {
        int agreed = 0;
        int resolved = 0;
        for (ValidatorOutcome validator : validators) {
            if (validator.guesser() == guessers) {
                agreed += validator.agreed();
                resolved += validator.resolved();
            }
        }
        return ratio(agreed, resolved);
    }

    private static BigDecimal ratio(int numerator, int denominator) {
        return denominator == 0 ? BigDecimal.ZERO.setScale(SCALE)
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), SCALE, RoundingMode.HALF_EVEN);
    }
}
