package network.mira.settlement.bft.wal;

import java.util.Objects;
import network.mira.core.block.Block;
import network.mira.settlement.bft.LockState;
import network.mira.settlement.bft.Proposal;
import network.mira.settlement.bft.Vote;

/**
 * What the consensus WAL holds for the height in progress: what this node signed, and its lock.
 * Enough for a restarted validator to re-send its messages, re-derive its decisions and keep the
 * lock that Tendermint's safety depends on.
 */
public sealed interface WalRecord {
    long height();

    /** This node's proposal with the full block, so the block can be re-executed after a crash. */
    record OwnProposal(Proposal proposal, Block block) implements WalRecord {
        public OwnProposal {
            Objects.requireNonNull(proposal, "proposal");
            Objects.requireNonNull(block, "block");
            if (!block.hash().equals(proposal.block().hash())) {
                throw new IllegalArgumentException("block " + block.hash() + " is not the proposed "
                        + proposal.block().hash());
            }
        }

        @Override
        public long height() {
            return proposal.height();
        }
    }

    record OwnVote(Vote vote) implements WalRecord {
        public OwnVote {
            Objects.requireNonNull(vote, "vote");
        }

        @Override
        public long height() {
            return vote.height();
        }
    }

    /** The lock and valid value after they last changed. */
    record Lock(LockState state) implements WalRecord {
        public Lock {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public long height() {
            return state.height();
        }
    }
}
