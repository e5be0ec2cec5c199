package network.mira.settlement.staking;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import network.mira.core.crypto.PublicKey;

/** Opens an epoch: key rotations take effect, the set is chosen, and what is bonded is snapshotted. */
final class EpochBoundary {
    private EpochBoundary() {}

    static void beginEpoch(StakingState.Draft draft, long newEpoch) {
        draft.epoch = newEpoch;
        for (ValidatorRecord validator : List.copyOf(draft.validators.values())) {
            draft.validators.put(validator.identity(), validator.rotatedAt(newEpoch));
        }
        List<EpochSnapshot.Member> selected = ValidatorSelection.select(draft.parameters, draft.validators,
                draft.stakeAccounts);
        Map<PublicKey, EpochSnapshot.Member> members = new TreeMap<>();
        for (EpochSnapshot.Member member : selected) {
            members.put(member.identity(), member);
        }
        updateStatuses(draft, members);
        Map<PublicKey, EpochSnapshot.Bond> bonds = new TreeMap<>();
        for (StakeAccount account : List.copyOf(draft.stakeAccounts.values())) {
            if (account.activeAmount() > 0) {
                bonds.put(account.address(), new EpochSnapshot.Bond(account.validator(), account.activeAmount()));
                draft.stakeAccounts.put(account.address(), account.withLastBondedEpoch(newEpoch));
            }
        }
        draft.snapshots.put(newEpoch, new EpochSnapshot(newEpoch, new TreeMap<>(members), new TreeMap<>(bonds)));
        // Evidence older than the unbonding period is refused, so older snapshots can never be read again.
        draft.snapshots.headMap(newEpoch - draft.parameters.unbondingEpochs()).clear();
    }

    /**
     * Selected validators become ACTIVE, others INACTIVE; jailed and tombstoned ones keep their status
     * (a jailed validator leaves the set here and returns only after unjail and a later boundary).
     */
    private static void updateStatuses(StakingState.Draft draft, Map<PublicKey, EpochSnapshot.Member> members) {
        for (ValidatorRecord validator : List.copyOf(draft.validators.values())) {
            if (validator.isPunished()) {
                continue;
            }
            ValidatorStatus status = members.containsKey(validator.identity())
                    ? ValidatorStatus.ACTIVE : ValidatorStatus.INACTIVE;
            draft.validators.put(validator.identity(), validator.withStatus(status));
        }
        // A validator leaving the set starts a fresh window when it returns (CometBFT resets on rejoin).
        draft.signing.keySet().retainAll(members.keySet());
        for (PublicKey identity : members.keySet()) {
            draft.signing.putIfAbsent(identity, SigningWindow.empty(draft.parameters.downtimeWindow()));
        }
    }
}
