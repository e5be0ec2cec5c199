package network.mira.settlement.production;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.bft.ValidatorSchedule;
import network.mira.settlement.staking.StakingEvent;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.program.StakeProgram;
import network.mira.settlement.staking.block.BlockStaking;
import network.mira.svm.AccountReader;
import network.mira.svm.BlockContext;
import network.mira.svm.BlockHook;

/**
 * What happens to a block's state besides its transactions, in one place for the builder and the
 * replayer so both compute the same state root: on a chain with staking, {@link BlockStaking}'s work
 * before and after the transactions; on a chain without, nothing. It also says which set signs the
 * next height, which the header commits to.
 */
public final class BlockLifecycle {
    private final Optional<BlockStaking> staking;
    private final ValidatorSchedule schedule;
    private final List<BlockHook> hooks;

    /** @param hooks upkeep before the transactions (after the staking work), in this order */
    public BlockLifecycle(Optional<BlockStaking> staking, ValidatorSchedule schedule, List<BlockHook> hooks) {
        this.staking = staking;
        this.schedule = schedule;
        this.hooks = List.copyOf(hooks);
    }

    public static BlockLifecycle forChain(ChainParameters parameters, ValidatorSchedule schedule,
                                          List<BlockHook> hooks) {
        return new BlockLifecycle(parameters.staking().map(BlockStaking::new), schedule, hooks);
    }

    /**
     * The state the transactions run on (the head plus the pre-transaction changes) and those changes.
     *
     * @param stakingState the stake state as the pre-transaction changes leave it, kept so {@link #end}
     *                     need not decode it again; empty on a chain without staking and when a hook
     *                     rewrote the state account
     */
    public record Prepared(AccountReader reader, SortedMap<PublicKey, Account> changes, List<StakingEvent> events,
                           Optional<StakingState> stakingState) {}

    /** Every account change of the block, the set of the next height, and whether the block changed it. */
    public record Finished(SortedMap<PublicKey, Account> changes, ValidatorSet nextValidatorSet,
                           Optional<ValidatorSet> changedValidatorSet, List<StakingEvent> events) {}

    /** @param evidence the block's encoded evidence, already verified */
    public Prepared begin(AccountReader head, BlockContext block, Optional<CommitCertificate> lastCommit,
                          List<byte[]> evidence) {
        SortedMap<PublicKey, Account> changes = new TreeMap<>();
        List<StakingEvent> events = List.of();
        Optional<StakingState> stakingState = Optional.empty();
        if (staking.isPresent()) {
            BlockStaking.Begin begin = staking.get().begin(head, block.height(), lastCommit, decode(evidence));
            changes.putAll(begin.changes());
            events = begin.events();
            stakingState = Optional.of(begin.state());
        }
        for (BlockHook hook : hooks) {
            SortedMap<PublicKey, Account> hookChanges = hook.beforeTransactions(overlay(head, changes), block);
            if (hookChanges.containsKey(StakeProgram.STATE_ACCOUNT)) {
                // A hook rewrote the stake state (the verification program slashes): the state staking
                // decoded is stale, so end must decode the account the hook wrote.
                stakingState = Optional.empty();
            }
            changes.putAll(hookChanges);
        }
        return new Prepared(overlay(head, changes), changes, events, stakingState);
    }

    /**
     * @param transactionChanges the accounts the block's transactions changed, on top of {@code prepared}
     * @param fees               the fees those transactions paid
     */
    public Finished end(Prepared prepared, SortedMap<PublicKey, Account> transactionChanges, long height, long fees) {
        SortedMap<PublicKey, Account> changes = new TreeMap<>(prepared.changes());
        changes.putAll(transactionChanges);
        if (staking.isEmpty()) {
            return new Finished(changes, schedule.at(height), Optional.empty(), List.of());
        }
        Optional<StakingState> untouched = transactionChanges.containsKey(StakeProgram.STATE_ACCOUNT)
                ? Optional.empty() : prepared.stakingState();
        BlockStaking.End end = staking.get().end(overlay(prepared.reader(), transactionChanges), height, fees,
                untouched);
        changes.putAll(end.changes());
        List<StakingEvent> events = new ArrayList<>(prepared.events());
        events.addAll(end.events());
        ValidatorSet next = end.nextValidatorSet().orElseGet(() -> schedule.at(height));
        return new Finished(changes, next, end.nextValidatorSet(), events);
    }

    private static AccountReader overlay(AccountReader base, SortedMap<PublicKey, Account> changes) {
        return address -> {
            Account changed = changes.get(address);
            if (changed != null) {
                return changed.isEmpty() ? Optional.empty() : Optional.of(changed);
            }
            return base.get(address);
        };
    }

    private static List<DuplicateVoteEvidence> decode(List<byte[]> evidence) {
        List<DuplicateVoteEvidence> decoded = new ArrayList<>(evidence.size());
        for (byte[] item : evidence) {
            try {
                decoded.add(DuplicateVoteEvidence.decode(item));
            } catch (DecodeException e) {
                throw new IllegalStateException("verified evidence does not decode: " + e.getMessage(), e);
            }
        }
        return decoded;
    }
}
