package network.mira.settlement.staking;

/**
 * Lamport accounting. {@code unstaked} is everything outside stake accounts (the rest of the ledger);
 * stake flows in and out of it. The invariant, checked by {@link StakingState#checkInvariants()}:
 * {@code unstaked + sum(stake accounts) == genesis + issued - burned - slashed}.
 */
public record Supply(long genesis, long issued, long burned, long slashed, long unstaked) {
    public Supply {
        if (genesis < 0 || issued < 0 || burned < 0 || slashed < 0 || unstaked < 0) {
            throw new IllegalArgumentException("supply counters must not be negative: " + this);
        }
    }

    /** What the total supply must be from the counters alone. */
    public long expectedTotal() {
        return Math.subtractExact(Math.subtractExact(Math.addExact(genesis, issued), burned), slashed);
    }

    Supply withUnstaked(long value) {
        return new Supply(genesis, issued, burned, slashed, value);
    }

    Supply plusIssued(long lamports) {
        return new Supply(genesis, Math.addExact(issued, lamports), burned, slashed, unstaked);
    }

    Supply plusBurned(long lamports) {
        return new Supply(genesis, issued, Math.addExact(burned, lamports), slashed, unstaked);
    }

    Supply plusSlashed(long lamports) {
        return new Supply(genesis, issued, burned, Math.addExact(slashed, lamports), unstaked);
    }
}
