package network.mira.settlement.bft.sim;

import java.util.List;

/**
 * What the checker found in one run. {@code heightsFinalized} is the lowest over honest nodes;
 * {@code evidenceReports} counts the cores' evidence reports, {@code evidenceIncluded} the distinct
 * evidence items inside blocks that honest nodes finalized; with staking enabled,
 * {@code validatorsSlashed} and {@code validatorsJailed} count the distinct validators ever slashed for
 * double-signing and ever jailed for downtime (0 without staking).
 */
public record SimReport(long seed, long heightsFinalized, List<String> safetyViolations, List<String> honestDoubleSigns,
                        int evidenceReports, int evidenceIncluded, long messagesSent, int validatorsSlashed,
                        int validatorsJailed) {
    public boolean safe() {
        return safetyViolations.isEmpty() && honestDoubleSigns.isEmpty();
    }

    @Override
    public String toString() {
        return "seed=" + seed + " heights=" + heightsFinalized + " safety=" + safetyViolations
                + " doubleSigns=" + honestDoubleSigns + " evidence=" + evidenceReports + " evidenceIncluded=" + evidenceIncluded + " messages=" + messagesSent
                + " slashed=" + validatorsSlashed + " jailed=" + validatorsJailed;
    }
}
