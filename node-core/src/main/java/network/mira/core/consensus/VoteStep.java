package network.mira.core.consensus;

/** The consensus steps that are signed; the code is part of the signed bytes. */
public enum VoteStep {
    PROPOSAL(1),
    PREVOTE(2),
    PRECOMMIT(3);

    private final int code;

    VoteStep(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
