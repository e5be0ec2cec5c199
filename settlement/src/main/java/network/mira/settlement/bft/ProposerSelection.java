package network.mira.settlement.bft;

import java.util.List;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.PublicKey;

/**
 * CometBFT's proposer-priority rule, deterministic: at every slot each validator's priority grows
 * by its stake, the highest priority proposes (ties to the lowest key) and pays back the total
 * stake. Over many slots each validator proposes in proportion to its stake. The slot of
 * (height, round) is {@code height + round}. Priorities always sum to zero here (the set is fixed),
 * so they stay bounded by a few multiples of the total stake.
 */
public final class ProposerSelection {
    private final List<Validator> validators;
    private final long totalStake;
    private long[] priorities;
    private long nextSlot;
    private PublicKey lastProposer;

    public ProposerSelection(ValidatorSet set) {
        this.validators = set.validators();
        this.totalStake = set.totalStake();
        reset();
    }

    private void reset() {
        priorities = new long[validators.size()];
        nextSlot = 0;
        lastProposer = null;
    }

    public PublicKey proposer(long height, int round) {
        return proposerAt(Math.addExact(height, round));
    }

    /** Walks forward from the last computed slot; asking for an earlier one replays from zero. */
    public PublicKey proposerAt(long slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("slot must not be negative: " + slot);
        }
        if (slot < nextSlot - 1) {
            reset();
        }
        while (nextSlot <= slot) {
            lastProposer = step();
            nextSlot++;
        }
        return lastProposer;
    }

    private PublicKey step() {
        int best = 0;
        for (int i = 0; i < priorities.length; i++) {
            priorities[i] += validators.get(i).stake();
            // validators are in key order, so strict > keeps the lowest key on ties.
            if (priorities[i] > priorities[best]) {
                best = i;
            }
        }
        priorities[best] -= totalStake;
        return validators.get(best).key();
    }
}
