package network.mira.settlement.bft;

import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.ValidatorSet;

/**
 * Which validator set decides each height. Epochs change it at their boundaries (stake moved,
 * validators jailed or slashed); the consensus core asks once per height, so a new set takes
 * effect exactly at the first height of its epoch, for quorums, proposer order and certificates.
 * Implementations must be deterministic and agree on every node.
 */
@FunctionalInterface
public interface ValidatorSchedule {
    ValidatorSet at(long height);

    /**
     * The set of the height after {@code decided}, asked the moment a core decides it, which may be
     * before the block is stored: at an epoch's last block the set it chose is known only from its
     * execution ({@code decided.nextValidatorSetHash()} names it). By default, {@link #at}.
     */
    default ValidatorSet after(BlockHeader decided) {
        return at(decided.height() + 1);
    }

    /** One set for every height: a chain without epochs, and the simulator's default. */
    static ValidatorSchedule fixed(ValidatorSet set) {
        return height -> set;
    }
}
