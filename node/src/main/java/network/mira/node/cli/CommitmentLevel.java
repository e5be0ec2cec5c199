package network.mira.node.cli;

import network.mira.rpc.v1.Commitment;

/** {@code --commitment processed|confirmed|finalized}, in increasing order of finality. */
public enum CommitmentLevel {
    PROCESSED(Commitment.PROCESSED),
    CONFIRMED(Commitment.CONFIRMED),
    FINALIZED(Commitment.FINALIZED);

    private final Commitment proto;

    CommitmentLevel(Commitment proto) {
        this.proto = proto;
    }

    public Commitment proto() {
        return proto;
    }

    /** Does an answer at {@code reached} satisfy this level? Unset means nothing is committed yet. */
    public boolean isReachedBy(Commitment reached) {
        return reached != null && reached != Commitment.UNRECOGNIZED
                && reached != Commitment.COMMITMENT_UNSPECIFIED
                && reached.getNumber() >= proto.getNumber();
    }

    /** The JSON and text form of a commitment in an answer: its name, or null when unset. */
    public static String display(Commitment commitment) {
        return commitment == null || commitment == Commitment.COMMITMENT_UNSPECIFIED
                || commitment == Commitment.UNRECOGNIZED ? null : commitment.name();
    }
}
