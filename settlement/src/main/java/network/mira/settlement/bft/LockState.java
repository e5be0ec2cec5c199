package network.mira.settlement.bft;

import network.mira.core.block.BlockHeader;

/**
 * The part of a height's state that safety depends on across a restart: the lock and the valid
 * value. The consensus WAL will persist it; until then a caller may keep it (the simulator does)
 * and hand it back to a restarted core. Values are null when the round is -1.
 */
public record LockState(long height, BlockHeader lockedValue, int lockedRound, BlockHeader validValue, int validRound) {
    public static LockState none(long height) {
        return new LockState(height, null, -1, null, -1);
    }
}
