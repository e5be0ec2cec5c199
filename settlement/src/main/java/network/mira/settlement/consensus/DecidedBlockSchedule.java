package network.mira.settlement.consensus;

import java.util.Optional;
import java.util.function.Function;
import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.ValidatorSet;
import network.mira.settlement.bft.ValidatorSchedule;

/**
 * The engine's schedule for its core: stored sets by height, and, the moment a block is decided
 * and before it is stored, the set that executing it chose, which its header names. At an epoch's
 * last block that is the only place the next epoch's set exists yet.
 */
final class DecidedBlockSchedule implements ValidatorSchedule {
    private final ValidatorSchedule stored;
    private final Function<BlockHeader, Optional<ValidatorSet>> chosenBy;

    /** @param chosenBy the set a decided block's execution chose, when it changes the set */
    DecidedBlockSchedule(ValidatorSchedule stored, Function<BlockHeader, Optional<ValidatorSet>> chosenBy) {
        this.stored = stored;
        this.chosenBy = chosenBy;
    }

    @Override
    public ValidatorSet at(long height) {
        return stored.at(height);
    }

    @Override
    public ValidatorSet after(BlockHeader decided) {
        ValidatorSet known = stored.at(decided.height() + 1);
        if (known.hash().equals(decided.nextValidatorSetHash())) {
            return known;
        }
        ValidatorSet chosen = chosenBy.apply(decided).orElseThrow(() -> new IllegalStateException("decided block "
                + decided.height() + " names next set " + decided.nextValidatorSetHash()
                + " but executing it here chose none"));
        if (!chosen.hash().equals(decided.nextValidatorSetHash())) {
            throw new IllegalStateException("decided block " + decided.height() + " names next set "
                    + decided.nextValidatorSetHash() + " but executing it here chose " + chosen.hash());
        }
        return chosen;
    }
}
