package network.mira.verification.verdict;

/** A claim's outcome after aggregation: decided TRUE or FALSE, or INCONCLUSIVE when neither reached the threshold. */
public enum FinalVerdict {
    TRUE, FALSE, INCONCLUSIVE;

    public boolean isDecided() {
        return this != INCONCLUSIVE;
    }
}
