package network.mira.settlement.staking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The per-epoch cap on stake changes (Solana's warmup and cooldown): at a boundary at most
 * {@code max_stake_change_bps} of the active total may activate, and separately at most as much may
 * deactivate. Accounts are served in the order they asked (request epoch, then address); the account that
 * meets the cap moves partly and the rest of it waits for the next boundary.
 */
final class StakeWarmup {
    private StakeWarmup() {}

    private static final Comparator<StakeAccount> BY_ACTIVATION = Comparator
            .comparingLong(StakeAccount::activationEpoch).thenComparing(StakeAccount::address);
    private static final Comparator<StakeAccount> BY_DEACTIVATION = Comparator
            .comparingLong(StakeAccount::deactivationEpoch).thenComparing(StakeAccount::address);

    /**
     * The most that may move in one direction. At least one lamport, so that a tiny active total still
     * grows; unlimited when nothing is active at all (bootstrap: there is no set to protect yet).
     */
    static long cap(long totalActive, long maxStakeChangeBps) {
        if (totalActive == 0) {
            return Long.MAX_VALUE;
        }
        return Math.max(1, RewardSplit.bpsOf(totalActive, maxStakeChangeBps));
    }

    /** Moves stake at the boundary into {@code newEpoch}; requests made in {@code newEpoch} itself wait. */
    static void apply(StakingState.Draft draft, long newEpoch) {
        long cap = cap(totalActive(draft), draft.parameters.maxStakeChangeBps());
        deactivate(draft, newEpoch, cap);
        activate(draft, newEpoch, cap);
    }

    private static void deactivate(StakingState.Draft draft, long newEpoch, long cap) {
        List<StakeAccount> leaving = new ArrayList<>();
        for (StakeAccount account : draft.stakeAccounts.values()) {
            if (account.isDeactivated() && account.activeAmount() > 0 && account.deactivationEpoch() < newEpoch) {
                leaving.add(account);
            }
        }
        leaving.sort(BY_DEACTIVATION);
        long room = cap;
        for (StakeAccount account : leaving) {
            if (room == 0) {
                break;
            }
            long move = Math.min(room, account.activeAmount());
            room -= move;
            put(draft, account.withActive(account.activeAmount() - move));
            draft.events.add(new StakingEvent.StakeDeactivated(account.address(), move));
        }
    }

    private static void activate(StakingState.Draft draft, long newEpoch, long cap) {
        List<StakeAccount> joining = new ArrayList<>();
        for (StakeAccount account : draft.stakeAccounts.values()) {
            if (account.activatingAmount() > 0 && account.activationEpoch() < newEpoch) {
                joining.add(account);
            }
        }
        joining.sort(BY_ACTIVATION);
        long room = cap;
        for (StakeAccount account : joining) {
            if (room == 0) {
                break;
            }
            long move = Math.min(room, account.activatingAmount());
            room -= move;
            put(draft, account.withActive(account.activeAmount() + move));
            draft.events.add(new StakingEvent.StakeActivated(account.address(), move));
        }
    }

    private static long totalActive(StakingState.Draft draft) {
        long total = 0;
        for (StakeAccount account : draft.stakeAccounts.values()) {
            total = Math.addExact(total, account.activeAmount());
        }
        return total;
    }

    private static void put(StakingState.Draft draft, StakeAccount account) {
        draft.stakeAccounts.put(account.address(), account);
    }
}
