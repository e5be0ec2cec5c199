package network.mira.settlement.consensus;

/**
 * The settlement layer as the node sees it. The node's consensus thread is the only caller; time
 * comes in as an argument so engines stay free of clocks. The single-validator engine implements
 * it today; the BFT engine adds message inputs behind the same seam.
 */
public interface ConsensusEngine {
    /** Advances the engine to {@code nowMs}; may produce and finalize a block. */
    void onTick(long nowMs);

    long finalizedHeight();
}
