package network.mira.settlement.staking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import network.mira.core.crypto.PublicKey;

/**
 * Chooses the next validator set: the top {@code max_validators} by bonded stake, excluding jailed and
 * tombstoned validators and those whose self-bond is below {@code min_self_bond}; ties broken by identity
 * bytes (unsigned, ascending).
 */
final class ValidatorSelection {
    private ValidatorSelection() {}

    private static final Comparator<EpochSnapshot.Member> BY_STAKE_THEN_IDENTITY = Comparator
            .comparingLong(EpochSnapshot.Member::stake).reversed().thenComparing(EpochSnapshot.Member::identity);

    static List<EpochSnapshot.Member> select(StakingParameters parameters, Map<PublicKey, ValidatorRecord> validators,
                                             Map<PublicKey, StakeAccount> stakeAccounts) {
        Map<PublicKey, Long> bonded = new TreeMap<>();
        for (StakeAccount account : stakeAccounts.values()) {
            if (account.isDelegated() && account.activeAmount() > 0) {
                bonded.merge(account.validator(), account.activeAmount(), Math::addExact);
            }
        }
        List<EpochSnapshot.Member> candidates = new ArrayList<>();
        for (ValidatorRecord validator : validators.values()) {
            long stake = bonded.getOrDefault(validator.identity(), 0L);
            if (!validator.isPunished() && stake > 0 && hasSelfBond(parameters, validator, stakeAccounts)) {
                candidates.add(new EpochSnapshot.Member(validator.identity(), validator.consensusKey(), stake));
            }
        }
        candidates.sort(BY_STAKE_THEN_IDENTITY);
        return List.copyOf(candidates.subList(0, (int) Math.min(candidates.size(), parameters.maxValidators())));
    }

    /**
     * The self-bond counts only while it stays: bonded to its own validator, active lamports at least
     * min_self_bond, and not deactivated (an operator who asked to leave is not selected again).
     */
    static boolean hasSelfBond(StakingParameters parameters, ValidatorRecord validator,
                               Map<PublicKey, StakeAccount> stakeAccounts) {
        StakeAccount selfBond = stakeAccounts.get(validator.selfBondAddress());
        return selfBond != null && validator.identity().equals(selfBond.validator()) && !selfBond.isDeactivated()
                && selfBond.activeAmount() >= parameters.minSelfBond();
    }
}
