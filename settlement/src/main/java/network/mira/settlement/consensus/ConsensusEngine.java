package network.mira.settlement.consensus;

/**
 * The settlement layer as the node sees it. The node's consensus thread is the only caller; time
 * comes in as an argument so engines stay free of clocks. {@link BftEngine} implements it; peers'
 * messages reach it through {@link BftEngine#deliver}.
 */
public interface ConsensusEngine {
    /** Advances the engine to {@code nowMs}; may produce and finalize a block. */
    void onTick(long nowMs);

    long finalizedHeight();
}
