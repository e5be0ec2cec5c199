package network.mira.settlement.bft;

import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.CommitCertificate;

/** The outputs of {@link ConsensusCore}; the caller performs them in order. */
public sealed interface ConsensusAction {
    /** Send to every validator. The core has already applied its own message to itself. */
    record BroadcastProposal(Proposal proposal) implements ConsensusAction {}

    record BroadcastVote(Vote vote) implements ConsensusAction {}

    record ScheduleTimeout(long height, int round, TimeoutKind kind, long durationMs) implements ConsensusAction {}

    /** Execute the proposed block and answer with {@link ConsensusEvent.BlockExecuted}. */
    record ExecuteBlock(Proposal proposal) implements ConsensusAction {}

    /** The block is final; store it with its certificate atomically. */
    record Finalize(BlockHeader block, CommitCertificate certificate) implements ConsensusAction {}

    /** Conflicting votes were seen; keep, gossip and later include them in a block. */
    record ReportEvidence(DuplicateVoteEvidence evidence) implements ConsensusAction {}
}
