package network.mira.settlement.staking;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import network.mira.core.crypto.PublicKey;

/**
 * The epoch boundary, in this order: pay the ending epoch's rewards (from what was bonded during it),
 * move stake under the warmup/cooldown cap, rotate keys, choose the next set and snapshot what is bonded.
 */
public final class EpochTransition {
    private EpochTransition() {}

    /**
     * @param epochNumber             the epoch that begins; must be the state's epoch + 1
     * @param feesCollected           fees of the ending epoch, taken from the unstaked supply and paid out
     * @param votesSignedPerValidator blocks of the ending epoch each set member signed, by identity
     *                                (0..epoch_blocks; a member not present signed none)
     * @throws IllegalArgumentException on inputs consensus can never produce (wrong epoch, unknown member,
     *                                  counts out of range, fees above the unstaked supply)
     */
    public static EpochOutcome apply(StakingState state, long epochNumber, long feesCollected,
                                     Map<PublicKey, Long> votesSignedPerValidator) {
        if (epochNumber != state.epoch() + 1) {
            throw new IllegalArgumentException("epoch " + epochNumber + " does not follow epoch " + state.epoch());
        }
        if (feesCollected < 0 || feesCollected > state.supply().unstaked()) {
            throw new IllegalArgumentException("fees " + feesCollected + " must be 0.." + state.supply().unstaked());
        }
        StakingState.Draft draft = state.draft();
        payRewards(draft, state.currentSnapshot(), feesCollected, new TreeMap<>(votesSignedPerValidator));
        StakeWarmup.apply(draft, epochNumber);
        EpochBoundary.beginEpoch(draft, epochNumber);
        StakingState next = draft.freeze();
        return new EpochOutcome(next, draft.events, next.validatorSet());
    }

    /**
     * Pool = issuance + fees. A member's weight is its stake times the blocks it signed; jailed and
     * tombstoned members earn nothing. If no one earned anything, the issuance is not minted and the fees
     * are burned, both recorded, so the supply invariant still holds.
     */
    private static void payRewards(StakingState.Draft draft, EpochSnapshot ending, long fees,
                                   Map<PublicKey, Long> signed) {
        List<EpochSnapshot.Member> members = List.copyOf(ending.members().values());
        for (var entry : signed.entrySet()) {
            long count = entry.getValue();
            if (!ending.members().containsKey(entry.getKey()) || count < 0
                    || count > draft.parameters.epochBlocks()) {
                throw new IllegalArgumentException("signed-block count " + count + " for " + entry.getKey()
                        + " is not a member's count in 0.." + draft.parameters.epochBlocks());
            }
        }
        long[] weights = new long[members.size()];
        for (int i = 0; i < weights.length; i++) {
            EpochSnapshot.Member member = members.get(i);
            boolean punished = draft.validators.get(member.identity()).isPunished();
            long count = signed.getOrDefault(member.identity(), 0L);
            weights[i] = punished ? 0 : Math.multiplyExact(member.stake(), count);
        }
        long issuance = draft.parameters.issuancePerEpoch();
        long pool = Math.addExact(issuance, fees);
        draft.supply = draft.supply.withUnstaked(draft.supply.unstaked() - fees);
        long[] rewards = RewardSplit.exactShares(pool, weights);
        if (Arrays.stream(weights).allMatch(w -> w == 0)) {
            draft.supply = draft.supply.plusBurned(fees);
            draft.events.add(new StakingEvent.RewardsUndistributed(ending.epoch(), issuance, fees));
            return;
        }
        draft.supply = draft.supply.plusIssued(issuance);
        for (int i = 0; i < members.size(); i++) {
            if (rewards[i] > 0) {
                payValidator(draft, ending, members.get(i), rewards[i]);
            }
        }
    }

    /**
     * Commission ({@code reward * commission_bps / 10000}, floored) goes to the self-bond; the rest is split
     * over the stake bonded to the validator during the epoch, floored, and the remainder lamports go to the
     * self-bond as well.
     */
    private static void payValidator(StakingState.Draft draft, EpochSnapshot ending, EpochSnapshot.Member member,
                                     long reward) {
        ValidatorRecord validator = draft.validators.get(member.identity());
        long commission = RewardSplit.bpsOf(reward, validator.commissionBps());
        long forDelegators = reward - commission;
        List<Map.Entry<PublicKey, EpochSnapshot.Bond>> bonds = ending.bonds().entrySet().stream()
                .filter(e -> e.getValue().validator().equals(member.identity())).toList();
        long[] weights = new long[bonds.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = bonds.get(i).getValue().amount();
        }
        long[] shares = RewardSplit.floorShares(forDelegators, weights);
        long paid = 0;
        for (int i = 0; i < shares.length; i++) {
            credit(draft, bonds.get(i).getKey(), shares[i]);
            paid += shares[i];
        }
        credit(draft, validator.selfBondAddress(), commission + (forDelegators - paid));
        draft.events.add(new StakingEvent.RewardPaid(ending.epoch(), member.identity(), commission, forDelegators));
    }

    private static void credit(StakingState.Draft draft, PublicKey address, long lamports) {
        if (lamports == 0) {
            return;
        }
        StakeAccount account = draft.stakeAccounts.get(address);
        if (account == null) {
            // Cannot happen: stake bonded in the ending epoch is withdrawable only unbonding_epochs (>= 1) later.
            throw new IllegalStateException("reward for missing stake account " + address);
        }
        draft.stakeAccounts.put(address, account.rewarded(lamports));
    }
}
