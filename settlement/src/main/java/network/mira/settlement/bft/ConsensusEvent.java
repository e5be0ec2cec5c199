package network.mira.settlement.bft;

import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.crypto.Hash;

/** The inputs of {@link ConsensusCore}. Messages have already passed their validator. */
public sealed interface ConsensusEvent {
    record ProposalReceived(Proposal proposal) implements ConsensusEvent {}

    record VoteReceived(Vote vote) implements ConsensusEvent {}

    /** A timer set by {@link ConsensusAction.ScheduleTimeout} went off. */
    record TimeoutFired(long height, int round, TimeoutKind kind) implements ConsensusEvent {}

    /** Answer to {@link ConsensusAction.ExecuteBlock}: the root this node computed for the block. */
    record BlockExecuted(Hash blockHash, Hash stateRoot, boolean valid) implements ConsensusEvent {}

    /** Block sync: a decided block with its certificate (verified by the core itself). */
    record DecisionReceived(BlockHeader block, CommitCertificate certificate) implements ConsensusEvent {}
}
