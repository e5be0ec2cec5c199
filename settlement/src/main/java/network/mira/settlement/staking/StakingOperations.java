package network.mira.settlement.staking;

import static network.mira.settlement.staking.StakingResult.refused;

import network.mira.core.crypto.PublicKey;

/**
 * The staker and operator operations. Each checks everything first and either refuses with a reason (the
 * state is untouched: it is immutable and no new one is made) or returns the new state. Signatures are
 * the stake program's job: {@code authority} / {@code identity} here are keys that signed the transaction.
 */
public final class StakingOperations {
    private StakingOperations() {}

    /** Registers a validator and creates its self-bond, delegated to itself and activating. */
    public static StakingResult registerValidator(StakingState state, PublicKey identity, PublicKey consensusKey,
                                                  long commissionBps, PublicKey selfBondAddress, long selfBond) {
        StakingParameters parameters = state.parameters();
        if (state.validators().containsKey(identity)) {
            return refused(StakingError.VALIDATOR_EXISTS, "validator " + identity + " is already registered");
        }
        if (state.consensusKeyOwners().containsKey(consensusKey)) {
            return refused(StakingError.CONSENSUS_KEY_IN_USE, "consensus key " + consensusKey
                    + " belongs to validator " + state.consensusKeyOwners().get(consensusKey));
        }
        if (commissionBps < 0 || commissionBps > StakingParameters.BPS) {
            return refused(StakingError.COMMISSION_OUT_OF_RANGE,
                    "commission must be 0..10000 bps, got " + commissionBps);
        }
        if (selfBond < parameters.minSelfBond()) {
            return refused(StakingError.INSUFFICIENT_SELF_BOND, "self-bond " + selfBond
                    + " lamports is below min_self_bond " + parameters.minSelfBond());
        }
        StakingResult funding = checkNewAccount(state, selfBondAddress, selfBond);
        if (funding != null) {
            return funding;
        }
        StakingState.Draft draft = state.draft();
        draft.validators.put(identity, ValidatorRecord.registered(identity, consensusKey, commissionBps,
                selfBondAddress));
        draft.consensusKeyOwners.put(consensusKey, identity);
        fund(draft, StakeAccount.created(selfBondAddress, identity, selfBond).delegatedTo(identity, state.epoch()));
        draft.events.add(new StakingEvent.ValidatorRegistered(identity, consensusKey, selfBond));
        return draft.applied();
    }

    /** Moves {@code amount} unstaked lamports into a new, undelegated stake account. */
    public static StakingResult createStake(StakingState state, PublicKey address, PublicKey authority, long amount) {
        StakingResult refusal = checkNewAccount(state, address, amount);
        if (refusal != null) {
            return refusal;
        }
        StakingState.Draft draft = state.draft();
        fund(draft, StakeAccount.created(address, authority, amount));
        draft.events.add(new StakingEvent.StakeCreated(address, authority, amount));
        return draft.applied();
    }

    /** Delegates an undelegated account; it starts activating at the next boundary, under the cap. */
    public static StakingResult delegate(StakingState state, PublicKey address, PublicKey authority,
                                         PublicKey validatorIdentity) {
        StakeAccount account = state.stakeAccounts().get(address);
        StakingResult refusal = checkAuthority(account, address, authority);
        if (refusal != null) {
            return refusal;
        }
        if (account.isDelegated()) {
            return refused(StakingError.ALREADY_DELEGATED, "stake " + address + " is delegated to "
                    + account.validator() + "; deactivate and withdraw it, then create a new one");
        }
        ValidatorRecord validator = state.validators().get(validatorIdentity);
        if (validator == null) {
            return refused(StakingError.UNKNOWN_VALIDATOR, "no validator " + validatorIdentity);
        }
        if (validator.status() == ValidatorStatus.TOMBSTONED) {
            return refused(StakingError.VALIDATOR_TOMBSTONED, "validator " + validatorIdentity
                    + " is tombstoned for double-signing and never validates again");
        }
        if (validator.status() == ValidatorStatus.JAILED) {
            return refused(StakingError.VALIDATOR_JAILED, "validator " + validatorIdentity + " is jailed until height "
                    + validator.jailedUntilHeight() + "; delegate after it unjails");
        }
        StakingState.Draft draft = state.draft();
        draft.stakeAccounts.put(address, account.delegatedTo(validatorIdentity, state.epoch()));
        draft.events.add(new StakingEvent.Delegated(address, validatorIdentity, state.epoch()));
        return draft.applied();
    }

    /** Starts unbonding: the bonded part cools down under the cap, then waits unbonding_epochs. */
    public static StakingResult deactivate(StakingState state, PublicKey address, PublicKey authority) {
        StakeAccount account = state.stakeAccounts().get(address);
        StakingResult refusal = checkAuthority(account, address, authority);
        if (refusal != null) {
            return refusal;
        }
        if (!account.isDelegated()) {
            return refused(StakingError.NOT_DELEGATED, "stake " + address + " is not delegated");
        }
        if (account.isDeactivated()) {
            return refused(StakingError.ALREADY_DEACTIVATED, "stake " + address + " was deactivated in epoch "
                    + account.deactivationEpoch());
        }
        StakingState.Draft draft = state.draft();
        draft.stakeAccounts.put(address, account.deactivatedAt(state.epoch()));
        draft.events.add(new StakingEvent.Deactivated(address, state.epoch()));
        return draft.applied();
    }

    /** Closes a withdrawable (or never delegated) account; its lamports return to the unstaked supply. */
    public static StakingResult withdraw(StakingState state, PublicKey address, PublicKey authority) {
        StakeAccount account = state.stakeAccounts().get(address);
        StakingResult refusal = checkAuthority(account, address, authority);
        if (refusal != null) {
            return refusal;
        }
        if (account.isDelegated() && !account.isDeactivated()) {
            return refused(StakingError.NOT_DEACTIVATED, "stake " + address + " is delegated to "
                    + account.validator() + "; deactivate it first");
        }
        if (account.isDelegated()) {
            refusal = checkUnbonded(state, account);
            if (refusal != null) {
                return refusal;
            }
        }
        StakingState.Draft draft = state.draft();
        draft.stakeAccounts.remove(address);
        draft.supply = draft.supply.withUnstaked(Math.addExact(draft.supply.unstaked(), account.amount()));
        draft.events.add(new StakingEvent.Withdrawn(address, account.amount()));
        return draft.applied();
    }

    /** Changes commission at once, by at most max_commission_change_bps_per_epoch, once per epoch. */
    public static StakingResult setCommission(StakingState state, PublicKey identity, long commissionBps) {
        ValidatorRecord validator = state.validators().get(identity);
        StakingResult refusal = checkOperable(validator, identity);
        if (refusal != null) {
            return refusal;
        }
        if (commissionBps < 0 || commissionBps > StakingParameters.BPS) {
            return refused(StakingError.COMMISSION_OUT_OF_RANGE,
                    "commission must be 0..10000 bps, got " + commissionBps);
        }
        long change = Math.abs(commissionBps - validator.commissionBps());
        long allowed = state.parameters().maxCommissionChangeBpsPerEpoch();
        if (change > allowed) {
            return refused(StakingError.COMMISSION_CHANGE_TOO_LARGE, "commission may change by at most " + allowed
                    + " bps per epoch; " + validator.commissionBps() + " -> " + commissionBps + " is " + change);
        }
        if (validator.commissionChangedEpoch() == state.epoch()) {
            return refused(StakingError.COMMISSION_ALREADY_CHANGED, "commission was already changed in epoch "
                    + state.epoch() + "; change it again in epoch " + (state.epoch() + 1));
        }
        StakingState.Draft draft = state.draft();
        draft.validators.put(identity, validator.withCommission(commissionBps, state.epoch()));
        draft.events.add(new StakingEvent.CommissionChanged(identity, validator.commissionBps(), commissionBps));
        return draft.applied();
    }

    /**
     * Schedules a new consensus key for the next epoch. The new key is reserved now and the old one is kept
     * in the owner table for good, so evidence signed with either still finds this validator.
     */
    public static StakingResult rotateConsensusKey(StakingState state, PublicKey identity, PublicKey newKey) {
        ValidatorRecord validator = state.validators().get(identity);
        StakingResult refusal = checkOperable(validator, identity);
        if (refusal != null) {
            return refusal;
        }
        if (state.consensusKeyOwners().containsKey(newKey)) {
            return refused(StakingError.CONSENSUS_KEY_IN_USE, "consensus key " + newKey + " was registered by "
                    + state.consensusKeyOwners().get(newKey) + "; keys are never reused");
        }
        if (validator.pendingConsensusKey() != null) {
            return refused(StakingError.KEY_ROTATION_PENDING, "key " + validator.pendingConsensusKey()
                    + " takes effect in epoch " + validator.pendingKeyEpoch() + "; rotate again after that");
        }
        long effective = state.epoch() + 1;
        StakingState.Draft draft = state.draft();
        draft.validators.put(identity, validator.withPendingKey(newKey, effective));
        draft.consensusKeyOwners.put(newKey, identity);
        draft.events.add(new StakingEvent.ConsensusKeyRotated(identity, newKey, effective));
        return draft.applied();
    }

    /** Ends a served jail term; the validator can be selected again at the next boundary. */
    public static StakingResult unjail(StakingState state, PublicKey identity, long height) {
        ValidatorRecord validator = state.validators().get(identity);
        if (validator == null) {
            return refused(StakingError.UNKNOWN_VALIDATOR, "no validator " + identity);
        }
        if (validator.status() == ValidatorStatus.TOMBSTONED) {
            return refused(StakingError.VALIDATOR_TOMBSTONED, "validator " + identity + " is tombstoned for good");
        }
        if (validator.status() != ValidatorStatus.JAILED) {
            return refused(StakingError.NOT_JAILED, "validator " + identity + " is " + validator.status());
        }
        if (height < validator.jailedUntilHeight()) {
            return refused(StakingError.JAIL_NOT_OVER, "validator " + identity + " is jailed until height "
                    + validator.jailedUntilHeight() + "; " + (validator.jailedUntilHeight() - height)
                    + " blocks remain at height " + height);
        }
        if (!ValidatorSelection.hasSelfBond(state.parameters(), validator, state.stakeAccounts())) {
            return refused(StakingError.INSUFFICIENT_SELF_BOND, "validator " + identity
                    + " needs an active self-bond of at least " + state.parameters().minSelfBond() + " to unjail");
        }
        StakingState.Draft draft = state.draft();
        draft.validators.put(identity, validator.withStatus(ValidatorStatus.INACTIVE));
        draft.events.add(new StakingEvent.Unjailed(identity));
        return draft.applied();
    }

    private static StakingResult checkNewAccount(StakingState state, PublicKey address, long amount) {
        if (amount <= 0) {
            return refused(StakingError.AMOUNT_NOT_POSITIVE, "amount must be positive, got " + amount);
        }
        if (state.stakeAccounts().containsKey(address)) {
            return refused(StakingError.STAKE_ACCOUNT_EXISTS, "stake account " + address + " exists already");
        }
        if (amount > state.supply().unstaked()) {
            return refused(StakingError.INSUFFICIENT_FUNDS, "amount " + amount + " exceeds the unstaked supply "
                    + state.supply().unstaked());
        }
        return null;
    }

    private static void fund(StakingState.Draft draft, StakeAccount account) {
        draft.supply = draft.supply.withUnstaked(draft.supply.unstaked() - account.amount());
        draft.stakeAccounts.put(account.address(), account);
    }

    private static StakingResult checkAuthority(StakeAccount account, PublicKey address, PublicKey authority) {
        if (account == null) {
            return refused(StakingError.UNKNOWN_STAKE_ACCOUNT, "no stake account " + address);
        }
        if (!account.authority().equals(authority)) {
            return refused(StakingError.WRONG_AUTHORITY, "stake " + address + " is controlled by "
                    + account.authority() + ", not " + authority);
        }
        return null;
    }

    private static StakingResult checkOperable(ValidatorRecord validator, PublicKey identity) {
        if (validator == null) {
            return refused(StakingError.UNKNOWN_VALIDATOR, "no validator " + identity);
        }
        if (validator.status() == ValidatorStatus.TOMBSTONED) {
            return refused(StakingError.VALIDATOR_TOMBSTONED, "validator " + identity + " is tombstoned for good");
        }
        return null;
    }

    private static StakingResult checkUnbonded(StakingState state, StakeAccount account) {
        long unbonding = state.parameters().unbondingEpochs();
        if (account.activeAmount() > 0) {
            return refused(StakingError.UNBONDING_NOT_COMPLETE, "stake " + account.address() + " still has "
                    + account.activeAmount() + " lamports bonded (cooldown is capped per epoch); at least "
                    + (unbonding + 1) + " epochs remain");
        }
        long remaining = account.withdrawableEpoch(unbonding) - state.epoch();
        if (remaining > 0) {
            return refused(StakingError.UNBONDING_NOT_COMPLETE, "stake " + account.address() + " is unbonding: "
                    + remaining + " epochs remain (withdrawable in epoch " + account.withdrawableEpoch(unbonding)
                    + ")");
        }
        return null;
    }
}
