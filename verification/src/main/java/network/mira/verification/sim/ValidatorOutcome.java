package network.mira.verification.sim;

/**
 * One simulated validator at the end of a run.
 *
 * @param answered          claims it judged (it sat on their committee)
 * @param correct           of those, answers equal to the truth
 * @param resolved          judged claims that were decided TRUE or FALSE
 * @param agreed            of those, answers equal to the final verdict
 * @param windowsTested     guessing tests run on it
 * @param slashedAtClaim    the claim after which the guessing test slashed it, or -1
 */
public record ValidatorOutcome(int index, boolean guesser, int answered, int correct, int resolved, int agreed,
                               int windowsTested, int slashedAtClaim) {
    public boolean slashed() {
        return slashedAtClaim >= 0;
    }
}
