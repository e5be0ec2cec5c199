package network.mira.settlement.evidence;

/** A block's evidence fails verification; the block must be refused. */
public final class InvalidEvidenceException extends Exception {
    private final transient EvidenceRefusal refusal;
    private final int index;

    public InvalidEvidenceException(long blockHeight, int index, EvidenceRefusal refusal) {
        super("block " + blockHeight + " evidence " + index + " refused: " + refusal);
        this.refusal = refusal;
        this.index = index;
    }

    public EvidenceRefusal refusal() {
        return refusal;
    }

    /** Position of the refused item among the block's evidence, or -1 for the list as a whole. */
    public int index() {
        return index;
    }
}
