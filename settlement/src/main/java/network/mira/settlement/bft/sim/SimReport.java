package network.mira.settlement.bft.sim;

import java.util.List;

/** What the checker found in one run. {@code heightsFinalized} is the lowest over honest nodes. */
public record SimReport(long seed, long heightsFinalized, List<String> safetyViolations, List<String> honestDoubleSigns,
                        int evidenceReports, long messagesSent) {
    public boolean safe() {
        return safetyViolations.isEmpty() && honestDoubleSigns.isEmpty();
    }

    @Override
    public String toString() {
        return "seed=" + seed + " heights=" + heightsFinalized + " safety=" + safetyViolations
                + " doubleSigns=" + honestDoubleSigns + " evidence=" + evidenceReports + " messages=" + messagesSent;
    }
}
