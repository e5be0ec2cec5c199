package network.mira.verification.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.staking.EpochSnapshot;
import network.mira.settlement.staking.Slashing;
import network.mira.settlement.staking.SlashingEvent;
import network.mira.settlement.staking.StakingResult;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.settlement.staking.ValidatorRecord;
import network.mira.settlement.staking.ValidatorStatus;
import network.mira.settlement.staking.program.StakeProgram;
import network.mira.svm.AccountReader;
import network.mira.svm.BlockContext;
import network.mira.svm.BlockHook;
import network.mira.svm.program.system.SystemProgram;
import network.mira.verification.committee.CommitteeCandidate;

/**
 * The verification program's per-block work, outside any transaction, before the block's transactions:
 * <ol>
 *   <li>draws the committees of the requests the previous block recorded, seeded by that block's hash
 *       (this block's parent), from the current epoch's validators that are neither jailed, tombstoned
 *       nor excluded for guessing;</li>
 *   <li>resolves the requests whose reveal window ended with the previous block ({@link Resolution}):
 *       pays and refunds the fee, slashes offenders in the stake state (reasons verification_*), updates
 *       each member's record and runs the guessing test on every full window.</li>
 * </ol>
 * Bounded: at most verification_max_requests_per_block draws and resolutions per block.
 */
public final class VerificationHook implements BlockHook {
    private final VerificationParameters parameters;
    private final int criticalAgreements;

    public VerificationHook(VerificationParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.criticalAgreements = parameters.guessingTest().criticalAgreements((int) parameters.guessingWindow());
    }

    @Override
    public SortedMap<PublicKey, Account> beforeTransactions(AccountReader state, BlockContext block) {
        Changes changes = new Changes(state);
        draw(changes, block);
        resolve(changes, block);
        changes.flushStaking();
        return changes.written;
    }

    private void draw(Changes changes, BlockContext block) {
        Optional<Account> pendingAccount = changes.get(VerificationProgram.PENDING_DRAWS);
        if (pendingAccount.isEmpty() || pendingAccount.get().dataLength() == 0) {
            return;
        }
        AddressList pending = decodeOwn(() -> AddressList.decode(pendingAccount.get().data()), "pending draws");
        if (pending.entries().isEmpty()) {
            return;
        }
        List<CommitteeCandidate> pool = eligiblePool(changes);
        List<AddressList.Entry> settled = new ArrayList<>();
        for (AddressList.Entry entry : pending.entries()) {
            Account account = changes.get(entry.request()).orElseThrow();
            RequestRecord request = decodeOwn(() -> RequestRecord.decode(account.data()), "request " + entry.request());
            if (pool.isEmpty()) {
                // Everything the account holds goes back: the fee, and whatever a stranger sent to it.
                changes.credit(request.requester(), account.lamports());
                changes.put(entry.request(), new Account(0, request.cancelled(block.height()).encode(),
                        VerificationProgram.ID, false));
                settled.add(new AddressList.Entry(entry.request(), block.height()));
                continue;
            }
            RequestRecord opened = CommitteeDraw.open(request, entry.request(), pool, block.parentHash(),
                    block.height(), parameters);
            changes.put(entry.request(), account.withData(opened.encode()));
            PublicKey bucket = VerificationProgram.deadlineBucket(opened.draw().revealDeadline());
            Account bucketAccount = changes.get(bucket).orElse(Account.ofLamports(0, SystemProgram.ID));
            AddressList due = decodeOwn(() -> AddressList.decode(bucketAccount.data()), "deadline bucket");
            changes.put(bucket, new Account(bucketAccount.lamports(), due.with(entry.request(),
                    opened.draw().revealDeadline()).encode(), VerificationProgram.ID, false));
        }
        changes.put(VerificationProgram.PENDING_DRAWS, pendingAccount.get().withData(AddressList.empty().encode()));
        changes.recordResults(settled);
    }

    private void resolve(Changes changes, BlockContext block) {
        PublicKey bucket = VerificationProgram.deadlineBucket(block.height() - 1);
        Optional<Account> dueAccount = changes.get(bucket);
        if (dueAccount.isEmpty()) {
            return;
        }
        AddressList due = decodeOwn(() -> AddressList.decode(dueAccount.get().data()), "deadline bucket");
        List<AddressList.Entry> settled = new ArrayList<>();
        for (AddressList.Entry entry : due.entries()) {
            Account account = changes.get(entry.request()).orElseThrow();
            RequestRecord request = decodeOwn(() -> RequestRecord.decode(account.data()), "request " + entry.request());
            Resolution resolution = Resolution.of(request, block.height());
            resolution.payouts().forEach(changes::credit);
            // The refund is what the account holds beyond the payouts: the fee's unpaid part, and whatever
            // a stranger sent to the address, so no lamport is destroyed.
            changes.credit(request.requester(), account.lamports() - resolution.resolved().settlement().paid());
            changes.put(entry.request(), new Account(0, resolution.resolved().encode(), VerificationProgram.ID, false));
            Hash requestId = request.draw().requestId();
            for (Resolution.Offence offence : resolution.offences()) {
                changes.slash(offence.validator(), offence.reason(), block.height(), requestId, bpsOf(offence.reason()));
                changes.updateStats(offence.validator(), offence.reason() == SlashingEvent.Reason.VERIFICATION_NO_REVEAL
                        ? AttestorStats::withMissedReveal : AttestorStats::withEquivocation);
            }
            for (Resolution.Observation observation : resolution.observations()) {
                AttestorStats stats = changes.updateStats(observation.validator(),
                        s -> s.withObservation(observation.agreed()));
                if (stats.windowResolved() >= parameters.guessingWindow()) {
                    boolean rejected = stats.windowAgreed() <= criticalAgreements;
                    long until = Math.addExact(changes.epoch(), parameters.exclusionEpochs() + 1);
                    changes.updateStats(observation.validator(), s -> s.afterTest(rejected, until));
                    if (rejected) {
                        changes.slash(observation.validator(), SlashingEvent.Reason.VERIFICATION_GUESSING,
                                block.height(), requestId, parameters.slashGuessingBps());
                    }
                }
            }
            settled.add(new AddressList.Entry(entry.request(), block.height()));
        }
        // Emptied, not deleted with its lamports: a stranger may have funded the address.
        changes.put(bucket, new Account(dueAccount.get().lamports(), new byte[0], SystemProgram.ID, false));
        changes.recordResults(settled);
    }

    private long bpsOf(SlashingEvent.Reason reason) {
        return reason == SlashingEvent.Reason.VERIFICATION_NO_REVEAL ? parameters.slashNoRevealBps()
                : parameters.slashEquivocationBps();
    }

    /** The current epoch's members with stake, less the jailed, the tombstoned and those excluded for guessing. */
    private static List<CommitteeCandidate> eligiblePool(Changes changes) {
        Optional<StakingState> staking = changes.staking();
        if (staking.isEmpty()) {
            return List.of();
        }
        StakingState state = staking.get();
        EpochSnapshot snapshot = state.currentSnapshot();
        List<CommitteeCandidate> pool = new ArrayList<>();
        for (EpochSnapshot.Member member : snapshot.members().values()) {
            ValidatorStatus status = state.validator(member.identity()).map(ValidatorRecord::status)
                    .orElse(ValidatorStatus.TOMBSTONED);
            if (member.stake() <= 0 || status == ValidatorStatus.JAILED || status == ValidatorStatus.TOMBSTONED
                    || changes.stats(member.identity()).excludedIn(state.epoch())) {
                continue;
            }
            pool.add(new CommitteeCandidate(member.identity(), member.stake()));
        }
        return pool;
    }

    private interface Decoding<T> {
        T decode() throws DecodeException;
    }

    /** The program's own accounts always decode; if one does not, the chain's state is corrupt. */
    private static <T> T decodeOwn(Decoding<T> decoding, String what) {
        try {
            return decoding.decode();
        } catch (DecodeException e) {
            throw new IllegalStateException("verification state is corrupt: " + what + ": " + e.getMessage(), e);
        }
    }

    /** The block's writes so far, read through; the stake state decoded once and written once. */
    private static final class Changes {
        private final AccountReader state;
        private final SortedMap<PublicKey, Account> written = new TreeMap<>();
        private StakingState staking;
        private boolean stakingLoaded;
        private boolean stakingChanged;

        Changes(AccountReader state) {
            this.state = state;
        }

        Optional<Account> get(PublicKey address) {
            Account changed = written.get(address);
            if (changed != null) {
                return changed.isEmpty() ? Optional.empty() : Optional.of(changed);
            }
            return state.get(address);
        }

        void put(PublicKey address, Account account) {
            written.put(address, account);
        }

        void credit(PublicKey address, long lamports) {
            if (lamports == 0) {
                return;
            }
            Account account = get(address).orElse(Account.ofLamports(0, SystemProgram.ID));
            put(address, account.withLamports(Math.addExact(account.lamports(), lamports)));
        }

        AttestorStats stats(PublicKey identity) {
            return get(VerificationProgram.attestorStats(identity))
                    .map(a -> decodeOwn(() -> AttestorStats.decode(a.data()), "attestor " + identity))
                    .orElse(AttestorStats.NONE);
        }

        AttestorStats updateStats(PublicKey identity, java.util.function.UnaryOperator<AttestorStats> change) {
            AttestorStats updated = change.apply(stats(identity));
            PublicKey address = VerificationProgram.attestorStats(identity);
            // Keeps whatever lamports a stranger sent to the address: the hook destroys none.
            long lamports = get(address).map(Account::lamports).orElse(0L);
            put(address, new Account(lamports, updated.encode(), VerificationProgram.ID, false));
            return updated;
        }

        Optional<StakingState> staking() {
            if (!stakingLoaded) {
                stakingLoaded = true;
                staking = get(StakeProgram.STATE_ACCOUNT)
                        .map(a -> decodeOwn(() -> StakingStateCodec.decode(a.data()), "stake state")).orElse(null);
            }
            return Optional.ofNullable(staking);
        }

        long epoch() {
            return staking().map(StakingState::epoch).orElse(0L);
        }

        /** A slash the staking rules refuse (the validator left the set, or was tombstoned) is skipped. */
        void slash(PublicKey validator, SlashingEvent.Reason reason, long height, Hash requestId, long bps) {
            if (staking().isEmpty()) {
                return;
            }
            StakingResult result = Slashing.slashVerification(staking, validator, reason, height, requestId, bps);
            if (result instanceof StakingResult.Applied applied) {
                staking = applied.state();
                stakingChanged = true;
            }
        }

        void recordResults(List<AddressList.Entry> settled) {
            if (settled.isEmpty()) {
                return;
            }
            Account ring = get(VerificationProgram.RECENT_RESULTS)
                    .orElse(new Account(0, new byte[0], VerificationProgram.ID, false));
            AddressList kept = decodeOwn(() -> AddressList.decode(ring.data()), "recent results")
                    .withAllKeepingLast(settled, VerificationProgram.RECENT_RESULTS_KEPT);
            put(VerificationProgram.RECENT_RESULTS, new Account(ring.lamports(), kept.encode(), VerificationProgram.ID,
                    false));
        }

        void flushStaking() {
            if (stakingChanged) {
                Account account = get(StakeProgram.STATE_ACCOUNT).orElseThrow();
                put(StakeProgram.STATE_ACCOUNT, account.withData(StakingStateCodec.encode(staking)));
            }
        }
    }
}
