package network.mira.settlement.evidence;

import java.util.List;
import network.mira.settlement.bft.DuplicateVoteEvidence;

/** Where a block builder gets the evidence it includes; {@link EvidencePool} is the node's. */
@FunctionalInterface
public interface EvidenceSource {
    /** No evidence, ever: for chains or tests that do not collect it. */
    EvidenceSource NONE = (height, max) -> List.of();

    /**
     * Verified evidence that a block at {@code blockHeight} may include (from lower heights, not
     * expired, not yet in a finalized block), at most {@code max} items, in a deterministic order.
     */
    List<DuplicateVoteEvidence> evidenceFor(long blockHeight, int max);
}
