package network.mira.settlement.bft;

/** Which timer fired: one per step of a round, and the pause after a commit before the next height. */
public enum TimeoutKind {
    PROPOSE,
    PREVOTE,
    PRECOMMIT,
    /** Tendermint's timeoutCommit: lets late precommits arrive and keeps a lone validator from spinning. */
    COMMIT
}
