package network.mira.settlement.bft.sim;

import java.util.List;

/**
 * What the checker found in one run. {@code heightsFinalized} is the lowest over honest nodes;
 * {@code evidenceReports} counts the cores' evidence reports, {@code evidenceIncluded} the distinct
 * evidence items inside blocks that honest nodes finalized.
 */
public record SimReport(long seed, long heightsFinalized, List<String> safetyViolations, List<String> honestDoubleSigns,
                        int evidenceReports, int evidenceIncluded, long messagesSent) {
    public boolean safe() {
        return safetyViolations.isEmpty() && honestDoubleSigns.isEmpty();
    }

    @Override
    public String toString() {
        return "seed=" + seed + " heights=" + heightsFinalized + " safety=" + safetyViolations
                + " doubleSigns=" + honestDoubleSigns + " evidence=" + evidenceReports + " evidenceIncluded=" + evidenceIncluded + " messages=" + messagesSent;
    }
}
