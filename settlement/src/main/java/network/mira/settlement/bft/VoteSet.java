package network.mira.settlement.bft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * State only: the votes of one (height, round, step), with the stake behind each block hash (nil
 * is {@link Hash#ZERO}), each validator counted at most once per block hash. Answers quorum questions with the
 * validator set's integer rule; never decides anything.
 */
public final class VoteSet {
    /** Result of {@link #add}. */
    public sealed interface AddResult {
        record Added() implements AddResult {}

        record Duplicate() implements AddResult {}

        record Conflict(DuplicateVoteEvidence evidence) implements AddResult {}
    }

    /**
     * Distinct values one validator may have counted here. An equivocator's votes count for every
     * value it signed (it may sit in both of two quorums; the safety argument allows that), which
     * keeps honest nodes live when they saw its votes in different orders. Beyond this bound
     * further values are only evidence.
     */
    public static final int VALUES_PER_VALIDATOR_MAX = 4;

    private final long height;
    private final int round;
    private final VoteStep step;
    private final ValidatorSet validators;
    private final TreeMap<PublicKey, List<Vote>> byValidator = new TreeMap<>();
    private final Map<Hash, Long> stakeByBlock = new HashMap<>();
    private final java.util.Set<PublicKey> equivocators = new java.util.HashSet<>();
    private long totalStake;

    public VoteSet(long height, int round, VoteStep step, ValidatorSet validators) {
        this.height = height;
        this.round = round;
        this.step = step;
        this.validators = validators;
    }

    public AddResult add(Vote vote) {
        if (vote.height() != height || vote.round() != round || vote.step() != step) {
            throw new IllegalArgumentException("vote " + vote + " does not belong to " + height + "/" + round + "/" + step);
        }
        long stake = validators.get(vote.validator())
                .orElseThrow(() -> new IllegalArgumentException("not a validator: " + vote.validator()))
                .stake();
        List<Vote> existing = byValidator.get(vote.validator());
        if (existing == null) {
            byValidator.put(vote.validator(), new ArrayList<>(List.of(vote)));
            stakeByBlock.merge(vote.blockHash(), stake, Long::sum);
            totalStake += stake;
            return new AddResult.Added();
        }
        for (Vote earlier : existing) {
            if (!earlier.conflictsWith(vote)) {
                return new AddResult.Duplicate();
            }
        }
        if (existing.size() < VALUES_PER_VALIDATOR_MAX) {
            existing.add(vote);
            stakeByBlock.merge(vote.blockHash(), stake, Long::sum);
        }
        // Evidence once per equivocator here; gossip will keep delivering the same pair.
        return equivocators.add(vote.validator())
                ? new AddResult.Conflict(new DuplicateVoteEvidence(existing.get(0), vote))
                : new AddResult.Duplicate();
    }

    public long stakeFor(Hash blockHash) {
        return stakeByBlock.getOrDefault(blockHash, 0L);
    }

    /** More than two thirds of the stake voted for exactly this block hash (or nil). */
    public boolean hasQuorumFor(Hash blockHash) {
        return validators.isQuorum(stakeFor(blockHash));
    }

    /** More than two thirds of the stake voted, for anything. */
    public boolean hasQuorumOfAny() {
        return validators.isQuorum(totalStake);
    }

    /** The non-nil block with a quorum, if any (at most one can have it unless > 1/3 equivocate). */
    public Optional<Hash> quorumBlock() {
        return stakeByBlock.entrySet().stream()
                .filter(e -> !e.getKey().equals(Hash.ZERO) && validators.isQuorum(e.getValue()))
                .map(Map.Entry::getKey).sorted().findFirst();
    }

    public long totalStake() {
        return totalStake;
    }

    public boolean hasVoteFrom(PublicKey validator) {
        return byValidator.containsKey(validator);
    }

    /** Votes for one block hash, in validator key order. */
    public List<Vote> votesFor(Hash blockHash) {
        List<Vote> result = new ArrayList<>();
        for (List<Vote> votes : byValidator.values()) {
            for (Vote vote : votes) {
                if (vote.blockHash().equals(blockHash)) {
                    result.add(vote);
                }
            }
        }
        return result;
    }
}
