package network.mira.settlement.staking.block;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.CommitSignature;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.staking.EpochOutcome;
import network.mira.settlement.staking.EpochTransition;
import network.mira.settlement.staking.Slashing;
import network.mira.settlement.staking.StakingEvent;
import network.mira.settlement.staking.StakingParameters;
import network.mira.settlement.staking.StakingResult;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.settlement.staking.program.StakeProgram;
import network.mira.svm.AccountReader;

/**
 * The staking work consensus does around each block's transactions, the same on every node because
 * it reads only the block and the state before it (CometBFT's BeginBlock / EndBlock):
 * <ul>
 *   <li>before the transactions: record who signed the parent (the block's last commit) for downtime
 *       and for the epoch's reward weights, then slash and tombstone the double-signers the block's
 *       evidence names;</li>
 *   <li>after them: the block's fees join the epoch's pool (parked in the state account), and at an
 *       epoch's last block the epoch transition runs (rewards, warmup/cooldown, key rotation, the next
 *       set), so the next epoch's set is known when its first block is proposed.</li>
 * </ul>
 * Lamports: the state account holds every staked lamport plus the fees collected so far in the epoch.
 * A slash destroys lamports from it; the transition turns the fees and the issuance into stake (or
 * burns the fees when nobody earned anything), leaving exactly the staked total.
 */
public final class BlockStaking {
    private final StakingParameters parameters;

    public BlockStaking(StakingParameters parameters) {
        this.parameters = parameters;
    }

    /**
     * The state and votes accounts after the pre-transaction work, and what it did. {@code state} is the
     * decoded stake state in {@code changes}, handed to {@link #end} so a block whose transactions do
     * not touch the state account decodes and encodes the state once, not twice.
     */
    public record Begin(Map<PublicKey, Account> changes, List<StakingEvent> events, StakingState state) {}

    /** The accounts after the post-transaction work and, at an epoch's end, the next epoch's set. */
    public record End(Map<PublicKey, Account> changes, Optional<ValidatorSet> nextValidatorSet,
                      List<StakingEvent> events) {}

    /**
     * @param lastCommit the parent's certificate carried by the block: present from height 2 on
     * @param evidence   the block's evidence, already verified
     */
    public Begin begin(AccountReader state, long height, Optional<CommitCertificate> lastCommit,
                       List<DuplicateVoteEvidence> evidence) {
        Account stateAccount = account(state, StakeProgram.STATE_ACCOUNT);
        StakingState before = decodeState(stateAccount);
        long pendingFees = stateAccount.lamports() - before.totalStaked();
        Account votesAccount = account(state, EpochVotes.ADDRESS);
        EpochVotes votes = decodeVotes(votesAccount);
        StakingState staking = before;
        List<StakingEvent> events = new ArrayList<>();
        if (lastCommit.isPresent()) {
            long signedHeight = lastCommit.get().height();
            Set<PublicKey> signers = new TreeSet<>();
            for (CommitSignature signature : lastCommit.get().signatures()) {
                signers.add(signature.validator());
            }
            staking = applied(Slashing.recordBlockSignatures(staking, signedHeight, signers), events);
            // Reward weights count blocks of the epoch being paid; the signatures of an epoch's last
            // block arrive in the next epoch's first block, after that epoch was paid, and count for none.
            if (parameters.epochOf(signedHeight) == votes.epoch()) {
                for (PublicKey key : signers) {
                    PublicKey identity = staking.consensusKeyOwners().get(key);
                    if (identity != null && staking.currentSnapshot().members().containsKey(identity)) {
                        votes = votes.plusOne(identity);
                    }
                }
            }
        }
        for (DuplicateVoteEvidence item : evidence) {
            PublicKey identity = staking.consensusKeyOwners().get(item.validator());
            if (identity == null) {
                continue;
            }
            // A refusal (already tombstoned, evidence too old, punished before) leaves the state as it
            // is: the evidence was valid for inclusion, the validator is simply not punished twice.
            StakingResult result = Slashing.slashDoubleSign(staking, identity, item.height(), item.hash());
            if (result instanceof StakingResult.Applied applied) {
                staking = applied.state();
                events.addAll(applied.events());
            }
        }
        Map<PublicKey, Account> changes = new TreeMap<>();
        changes.put(StakeProgram.STATE_ACCOUNT, stateAccount(stateAccount, staking, pendingFees));
        changes.put(EpochVotes.ADDRESS, votesAccount(votesAccount, votes));
        return new Begin(changes, events, staking);
    }

    /** @param fees every fee the block's transactions paid (debited from their payers by execution) */
    public End end(AccountReader state, long height, long fees) {
        return end(state, height, fees, Optional.empty());
    }

    /**
     * @param unchanged the state as {@link #begin} left it, when the block's transactions did not touch
     *                  the state account (its data is then exactly that state's encoding)
     */
    public End end(AccountReader state, long height, long fees, Optional<StakingState> unchanged) {
        Account stateAccount = account(state, StakeProgram.STATE_ACCOUNT);
        StakingState staking = unchanged.orElseGet(() -> decodeState(stateAccount));
        long pendingFees = Math.addExact(stateAccount.lamports() - staking.totalStaked(), fees);
        Account votesAccount = account(state, EpochVotes.ADDRESS);
        long nextEpoch = parameters.epochOf(height + 1);
        Map<PublicKey, Account> changes = new TreeMap<>();
        if (nextEpoch == staking.epoch()) {
            // Only the parked fees change: the data stays as it is.
            changes.put(StakeProgram.STATE_ACCOUNT, new Account(Math.addExact(staking.totalStaked(), pendingFees),
                    stateAccount.data(), stateAccount.owner(), false));
            return new End(changes, Optional.empty(), List.of());
        }
        EpochVotes votes = decodeVotes(votesAccount);
        TreeMap<PublicKey, Long> signed = new TreeMap<>();
        votes.signed().forEach((identity, count) -> signed.put(identity, Math.min(count, parameters.epochBlocks())));
        EpochOutcome outcome = EpochTransition.apply(staking, nextEpoch, pendingFees, signed);
        ValidatorSet next = outcome.validatorSet().orElseThrow(() -> new IllegalStateException("epoch " + nextEpoch
                + " has no eligible validator (all jailed, tombstoned or below the minimum self-bond): the chain"
                + " halts at height " + height + " rather than guess a set"));
        changes.put(StakeProgram.STATE_ACCOUNT, stateAccount(stateAccount, outcome.state(), 0));
        changes.put(EpochVotes.ADDRESS, votesAccount(votesAccount, EpochVotes.empty(nextEpoch)));
        return new End(changes, Optional.of(next), outcome.events());
    }

    /** The state account at genesis: see {@link StakeProgram#genesisAccount}. */
    public static Account genesisVotesAccount() {
        return new Account(0, EpochVotes.empty(0).encode(), StakeProgram.ID, false);
    }

    private static Account stateAccount(Account before, StakingState state, long pendingFees) {
        return new Account(Math.addExact(state.totalStaked(), pendingFees), StakingStateCodec.encode(state),
                before.owner(), false);
    }

    private static Account votesAccount(Account before, EpochVotes votes) {
        return new Account(before.lamports(), votes.encode(), before.owner(), false);
    }

    private static StakingState applied(StakingResult result, List<StakingEvent> events) {
        if (result instanceof StakingResult.Applied applied) {
            events.addAll(applied.events());
            return applied.state();
        }
        // Heights only increase and a last commit names its parent: a refusal here is a broken node.
        throw new IllegalStateException("staking refused a block's signatures: " + result);
    }

    private static Account account(AccountReader state, PublicKey address) {
        return state.get(address).orElseThrow(() -> new IllegalStateException(
                "staking account " + address + " is missing; a staking chain creates it at genesis"));
    }

    private static StakingState decodeState(Account account) {
        try {
            return StakingStateCodec.decode(account.data());
        } catch (DecodeException e) {
            throw new IllegalStateException("the stake state account does not decode: " + e.getMessage(), e);
        }
    }

    private static EpochVotes decodeVotes(Account account) {
        try {
            return EpochVotes.decode(account.data());
        } catch (DecodeException e) {
            throw new IllegalStateException("the epoch votes account does not decode: " + e.getMessage(), e);
        }
    }
}
