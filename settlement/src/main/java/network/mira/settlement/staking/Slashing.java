package network.mira.settlement.staking;

import static network.mira.settlement.staking.StakingResult.refused;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * Double-sign, downtime and verification punishment. A slash takes a fraction of what each stake account had bonded to
 * the validator in the infraction's epoch (bonding changes only at boundaries, so that is exactly what was
 * bonded at the infraction height): accounts that have since deactivated are slashed, stake that bonded
 * later is not. Slashed lamports are destroyed and counted as {@code slashed} in the supply.
 */
public final class Slashing {
    private Slashing() {}

    /**
     * Slashes slash_double_sign_bps and tombstones the validator. Refused: unknown validator, evidence
     * already punished, a validator already tombstoned (one infraction is punished once), an infraction in a
     * future epoch or older than unbonding_epochs, a validator not in the infraction epoch's set.
     */
    public static StakingResult slashDoubleSign(StakingState state, PublicKey identity, long infractionHeight,
                                                Hash evidenceHash) {
        StakingParameters parameters = state.parameters();
        ValidatorRecord validator = state.validators().get(identity);
        if (validator == null) {
            return refused(StakingError.UNKNOWN_VALIDATOR, "no validator " + identity);
        }
        if (state.punishedEvidence().contains(evidenceHash)) {
            return refused(StakingError.DUPLICATE_EVIDENCE, "evidence " + evidenceHash + " was already punished");
        }
        if (validator.status() == ValidatorStatus.TOMBSTONED) {
            return refused(StakingError.VALIDATOR_TOMBSTONED, "validator " + identity
                    + " is already tombstoned; a validator is punished for double-signing once");
        }
        if (infractionHeight < 0) {
            return refused(StakingError.EVIDENCE_FROM_FUTURE, "infraction height must not be negative");
        }
        long infractionEpoch = parameters.epochOf(infractionHeight);
        if (infractionEpoch > state.epoch()) {
            return refused(StakingError.EVIDENCE_FROM_FUTURE, "infraction height " + infractionHeight
                    + " is in epoch " + infractionEpoch + ", after the current epoch " + state.epoch());
        }
        if (state.epoch() - infractionEpoch > parameters.unbondingEpochs()) {
            return refused(StakingError.EVIDENCE_TOO_OLD, "infraction epoch " + infractionEpoch + " is more than "
                    + parameters.unbondingEpochs() + " unbonding epochs before the current epoch " + state.epoch());
        }
        EpochSnapshot snapshot = state.snapshots().get(infractionEpoch);
        if (snapshot == null || !snapshot.members().containsKey(identity)) {
            return refused(StakingError.NOT_IN_SET_AT_HEIGHT, "validator " + identity
                    + " was not in the validator set of epoch " + infractionEpoch);
        }
        StakingState.Draft draft = state.draft();
        long amount = slash(draft, snapshot, identity, parameters.slashDoubleSignBps());
        draft.validators.put(identity, validator.withStatus(ValidatorStatus.TOMBSTONED));
        draft.punishedEvidence.add(evidenceHash);
        record(draft, new SlashingEvent(identity, SlashingEvent.Reason.DOUBLE_SIGN, infractionHeight, amount,
                evidenceHash));
        return draft.applied();
    }

    /**
     * Slashes {@code bps} of each bond to the validator in the current epoch's snapshot, for a fault the
     * verification program found in request {@code requestId} at {@code height}. It neither jails nor
     * tombstones: the program excludes the validator from its committees itself, and consensus faults
     * stay the only ones that take a validator out of the set. Zero bps records an event of amount 0, so
     * the fault stays visible on chains that do not slash it. Refused: unknown validator, a validator
     * already tombstoned (nothing of it is bonded in sets to come), a validator not in the current
     * epoch's set (it cannot serve on a committee).
     *
     * @param reason one of the verification reasons; anything else is a programming error
     * @param bps    between 0 and {@link StakingParameters#BPS}
     */
    public static StakingResult slashVerification(StakingState state, PublicKey identity, SlashingEvent.Reason reason,
                                                  long height, Hash requestId, long bps) {
        Objects.requireNonNull(requestId, "requestId");
        if (!reason.isVerification()) {
            throw new IllegalArgumentException(reason.wireName() + " is not a verification reason");
        }
        if (bps < 0 || bps > StakingParameters.BPS) {
            throw new IllegalArgumentException("bps must be between 0 and " + StakingParameters.BPS + ", got " + bps);
        }
        if (height < 0) {
            throw new IllegalArgumentException("height must not be negative, got " + height);
        }
        ValidatorRecord validator = state.validators().get(identity);
        if (validator == null) {
            return refused(StakingError.UNKNOWN_VALIDATOR, "no validator " + identity);
        }
        if (validator.status() == ValidatorStatus.TOMBSTONED) {
            return refused(StakingError.VALIDATOR_TOMBSTONED, "validator " + identity + " is tombstoned");
        }
        EpochSnapshot snapshot = state.snapshots().get(state.epoch());
        if (!snapshot.members().containsKey(identity)) {
            return refused(StakingError.NOT_IN_SET_AT_HEIGHT, "validator " + identity
                    + " is not in the validator set of the current epoch " + state.epoch());
        }
        StakingState.Draft draft = state.draft();
        long amount = slash(draft, snapshot, identity, bps);
        record(draft, new SlashingEvent(identity, reason, height, amount, requestId));
        return draft.applied();
    }

    /**
     * Records who signed block {@code height}: consensus keys of the current set, or of the set of the
     * height's epoch when that epoch has just ended (a block's signatures are known only once it is
     * finalized, when the next epoch may already have begun). Jails, with a slash_downtime_bps slash, every member that
     * signed fewer than downtime_min_signed_bps of a full window. Jailed until
     * {@code height + jail_blocks}; its window starts afresh.
     */
    public static StakingResult recordBlockSignatures(StakingState state, long height, Set<PublicKey> signers) {
        if (height <= state.lastHeight()) {
            return refused(StakingError.HEIGHT_NOT_INCREASING, "height " + height
                    + " is not above the last recorded height " + state.lastHeight());
        }
        long epoch = Math.min(state.parameters().epochOf(height), state.epoch());
        EpochSnapshot current = state.snapshots().get(epoch);
        if (current == null) {
            return refused(StakingError.EPOCH_NOT_AVAILABLE, "height " + height + " is in epoch " + epoch
                    + ", whose set is not available (state epoch " + state.epoch() + ")");
        }
        Set<PublicKey> setKeys = new TreeSet<>();
        current.members().values().forEach(member -> setKeys.add(member.consensusKey()));
        for (PublicKey signer : new TreeSet<>(signers)) {
            if (!setKeys.contains(signer)) {
                return refused(StakingError.UNKNOWN_SIGNER, "signer " + signer + " is not in the set of epoch "
                        + epoch);
            }
        }
        StakingParameters parameters = state.parameters();
        StakingState.Draft draft = state.draft();
        draft.lastHeight = height;
        for (Map.Entry<PublicKey, EpochSnapshot.Member> entry : current.members().entrySet()) {
            PublicKey identity = entry.getKey();
            ValidatorRecord validator = draft.validators.get(identity);
            if (validator.isPunished()) {
                continue;
            }
            SigningWindow window = draft.signing.getOrDefault(identity,
                            SigningWindow.empty(parameters.downtimeWindow()))
                    .record(signers.contains(entry.getValue().consensusKey()));
            if (!window.isBelow(parameters.downtimeMinSignedBps())) {
                draft.signing.put(identity, window);
                continue;
            }
            long amount = slash(draft, current, identity, parameters.slashDowntimeBps());
            long until = Math.addExact(height, parameters.jailBlocks());
            draft.validators.put(identity, validator.jailedUntil(until));
            draft.signing.put(identity, SigningWindow.empty(parameters.downtimeWindow()));
            record(draft, new SlashingEvent(identity, SlashingEvent.Reason.DOWNTIME, height, amount, null));
            draft.events.add(new StakingEvent.Jailed(identity, until));
        }
        return draft.applied();
    }

    /** Takes {@code bps} of each bond to {@code identity} in {@code snapshot}, floored, capped by what is left. */
    private static long slash(StakingState.Draft draft, EpochSnapshot snapshot, PublicKey identity, long bps) {
        long total = 0;
        for (Map.Entry<PublicKey, EpochSnapshot.Bond> entry : snapshot.bonds().entrySet()) {
            if (!entry.getValue().validator().equals(identity)) {
                continue;
            }
            StakeAccount account = draft.stakeAccounts.get(entry.getKey());
            if (account == null) {
                continue; // withdrawn: impossible within the evidence window, harmless otherwise
            }
            long take = Math.min(account.amount(), RewardSplit.bpsOf(entry.getValue().amount(), bps));
            draft.stakeAccounts.put(account.address(), account.slashed(take));
            total = Math.addExact(total, take);
        }
        draft.supply = draft.supply.plusSlashed(total);
        return total;
    }

    private static void record(StakingState.Draft draft, SlashingEvent event) {
        draft.slashingEvents.add(event);
        draft.events.add(new StakingEvent.Slashed(event));
    }
}
