package network.mira.settlement.staking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * The whole staking model, immutable: every transition returns a new state. All collections are sorted
 * (keys are compared as unsigned bytes), so iteration order, and with it every result, is the same on
 * every node.
 *
 * @param lastHeight         the last height whose signatures were recorded (-1 before the first)
 * @param consensusKeyOwners every consensus key ever registered, current, pending or retired, to its
 *                           validator: a retired key stays accountable and is never reused
 * @param snapshots          what was bonded in each epoch still within reach of evidence
 *                           ([epoch - unbonding_epochs, epoch])
 * @param punishedEvidence   hashes of evidence already slashed, so one infraction is punished once
 */
public record StakingState(StakingParameters parameters, long epoch, long lastHeight,
                           NavigableMap<PublicKey, ValidatorRecord> validators,
                           NavigableMap<PublicKey, PublicKey> consensusKeyOwners,
                           NavigableMap<PublicKey, StakeAccount> stakeAccounts,
                           NavigableMap<PublicKey, SigningWindow> signing,
                           NavigableMap<Long, EpochSnapshot> snapshots,
                           List<SlashingEvent> slashingEvents, NavigableSet<Hash> punishedEvidence, Supply supply) {

    public StakingState {
        validators = Collections.unmodifiableNavigableMap(new TreeMap<>(validators));
        consensusKeyOwners = Collections.unmodifiableNavigableMap(new TreeMap<>(consensusKeyOwners));
        stakeAccounts = Collections.unmodifiableNavigableMap(new TreeMap<>(stakeAccounts));
        signing = Collections.unmodifiableNavigableMap(new TreeMap<>(signing));
        snapshots = Collections.unmodifiableNavigableMap(new TreeMap<>(snapshots));
        slashingEvents = List.copyOf(slashingEvents);
        punishedEvidence = Collections.unmodifiableNavigableSet(new TreeSet<>(punishedEvidence));
        if (!snapshots.containsKey(epoch)) {
            throw new IllegalArgumentException("no snapshot for the current epoch " + epoch);
        }
    }

    /**
     * Epoch 0 with the genesis validators bonded and active. {@code genesisSupply} is every lamport that
     * exists at genesis, the self-bonds included.
     */
    public static StakingState genesis(StakingParameters parameters, long genesisSupply,
                                       List<GenesisValidator> genesisValidators) {
        Draft draft = new Draft(parameters, genesisSupply);
        long bonded = 0;
        for (GenesisValidator v : genesisValidators) {
            if (v.selfBond() < parameters.minSelfBond()) {
                throw new IllegalArgumentException("genesis validator " + v.identity() + " self-bond " + v.selfBond()
                        + " is below min_self_bond " + parameters.minSelfBond());
            }
            if (draft.validators.containsKey(v.identity()) || draft.consensusKeyOwners.containsKey(v.consensusKey())
                    || draft.stakeAccounts.containsKey(v.selfBondAddress())) {
                throw new IllegalArgumentException("genesis validator " + v.identity() + " repeats a key or address");
            }
            draft.validators.put(v.identity(), ValidatorRecord.registered(v.identity(), v.consensusKey(),
                    v.commissionBps(), v.selfBondAddress()));
            draft.consensusKeyOwners.put(v.consensusKey(), v.identity());
            draft.stakeAccounts.put(v.selfBondAddress(), StakeAccount.created(v.selfBondAddress(), v.identity(),
                    v.selfBond()).delegatedTo(v.identity(), 0).withActive(v.selfBond()));
            bonded = Math.addExact(bonded, v.selfBond());
        }
        if (bonded > genesisSupply) {
            throw new IllegalArgumentException("genesis self-bonds " + bonded + " exceed the genesis supply "
                    + genesisSupply);
        }
        draft.supply = draft.supply.withUnstaked(genesisSupply - bonded);
        EpochBoundary.beginEpoch(draft, 0);
        return draft.freeze();
    }

    public Optional<ValidatorRecord> validator(PublicKey identity) {
        return Optional.ofNullable(validators.get(identity));
    }

    public Optional<StakeAccount> stakeAccount(PublicKey address) {
        return Optional.ofNullable(stakeAccounts.get(address));
    }

    public StakeState stakeState(StakeAccount account) {
        return account.state(epoch, parameters.unbondingEpochs());
    }

    /** Stake accounts whose authority is {@code owner}, by address. */
    public List<StakeAccount> stakeAccountsOf(PublicKey owner) {
        return stakeAccounts.values().stream().filter(a -> a.authority().equals(owner)).toList();
    }

    /** Deactivated accounts not yet withdrawn: each one is its own unbonding entry with its own balance. */
    public List<StakeAccount> unbondingEntries() {
        return stakeAccounts.values().stream().filter(StakeAccount::isDeactivated).toList();
    }

    public EpochSnapshot currentSnapshot() {
        return snapshots.get(epoch);
    }

    /** The set that signs the current epoch's blocks; empty if no validator is eligible. */
    public Optional<ValidatorSet> validatorSet() {
        return currentSnapshot().validatorSet();
    }

    /** Lamports bonded to {@code identity} now (what the next set would weigh). */
    public long bondedTo(PublicKey identity) {
        long total = 0;
        for (StakeAccount account : stakeAccounts.values()) {
            if (identity.equals(account.validator())) {
                total = Math.addExact(total, account.activeAmount());
            }
        }
        return total;
    }

    public long totalActive() {
        long total = 0;
        for (StakeAccount account : stakeAccounts.values()) {
            total = Math.addExact(total, account.activeAmount());
        }
        return total;
    }

    public long totalStaked() {
        long total = 0;
        for (StakeAccount account : stakeAccounts.values()) {
            total = Math.addExact(total, account.amount());
        }
        return total;
    }

    /** The total supply as held: unstaked plus every stake account. */
    public long totalSupply() {
        return Math.addExact(supply.unstaked(), totalStaked());
    }

    /** Missed blocks in the current window, 0 for a validator not yet tracked. */
    public int missedBlocks(PublicKey identity) {
        SigningWindow window = signing.get(identity);
        return window == null ? 0 : window.missed();
    }

    public List<SlashingEvent> slashingEventsOf(PublicKey identity) {
        return slashingEvents.stream().filter(e -> e.validator().equals(identity)).toList();
    }

    /**
     * Asserts {@code supply == genesis + issued - burned - slashed} and that every self-bond address of a
     * validator is owned by it. A failure is a bug in this package, never bad input.
     *
     * @throws IllegalStateException naming the numbers when an invariant is broken
     */
    public void checkInvariants() {
        long held = totalSupply();
        if (held != supply.expectedTotal()) {
            throw new IllegalStateException("supply " + held + " != genesis + issued - burned - slashed = "
                    + supply.expectedTotal() + " (" + supply + ")");
        }
        for (var entry : consensusKeyOwners.entrySet()) {
            if (!validators.containsKey(entry.getValue())) {
                throw new IllegalStateException("consensus key " + entry.getKey() + " has no validator");
            }
        }
    }

    Draft draft() {
        return new Draft(this);
    }

    /** The mutable working copy a transition edits; {@link #freeze()} makes the next immutable state. */
    static final class Draft {
        final StakingParameters parameters;
        long epoch;
        long lastHeight;
        final TreeMap<PublicKey, ValidatorRecord> validators;
        final TreeMap<PublicKey, PublicKey> consensusKeyOwners;
        final TreeMap<PublicKey, StakeAccount> stakeAccounts;
        final TreeMap<PublicKey, SigningWindow> signing;
        final TreeMap<Long, EpochSnapshot> snapshots;
        final List<SlashingEvent> slashingEvents;
        final TreeSet<Hash> punishedEvidence;
        Supply supply;
        final List<StakingEvent> events = new ArrayList<>();

        private Draft(StakingParameters parameters, long genesisSupply) {
            this.parameters = parameters;
            this.epoch = 0;
            this.lastHeight = -1;
            this.validators = new TreeMap<>();
            this.consensusKeyOwners = new TreeMap<>();
            this.stakeAccounts = new TreeMap<>();
            this.signing = new TreeMap<>();
            this.snapshots = new TreeMap<>();
            this.slashingEvents = new ArrayList<>();
            this.punishedEvidence = new TreeSet<>();
            this.supply = new Supply(genesisSupply, 0, 0, 0, genesisSupply);
        }

        private Draft(StakingState state) {
            this.parameters = state.parameters;
            this.epoch = state.epoch;
            this.lastHeight = state.lastHeight;
            this.validators = new TreeMap<>(state.validators);
            this.consensusKeyOwners = new TreeMap<>(state.consensusKeyOwners);
            this.stakeAccounts = new TreeMap<>(state.stakeAccounts);
            this.signing = new TreeMap<>(state.signing);
            this.snapshots = new TreeMap<>(state.snapshots);
            this.slashingEvents = new ArrayList<>(state.slashingEvents);
            this.punishedEvidence = new TreeSet<>(state.punishedEvidence);
            this.supply = state.supply;
        }

        StakingState freeze() {
            return new StakingState(parameters, epoch, lastHeight, validators, consensusKeyOwners, stakeAccounts,
                    signing, snapshots, slashingEvents, punishedEvidence, supply);
        }

        StakingResult applied() {
            StakingState next = freeze();
            return new StakingResult.Applied(next, events);
        }
    }
}
