package network.mira.verification.committee;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;

/**
 * The validators committees are drawn from, in ascending identity order (unsigned bytes): the
 * order the draw walks, so every node must hold the same list. Identities are distinct and the
 * total stake fits in a signed 64-bit integer.
 */
public final class CandidatePool {
    /** Most candidates: the bound on a validator set ({@link ValidatorSet#MAX_VALIDATORS}). */
    public static final int MAX_CANDIDATES = ValidatorSet.MAX_VALIDATORS;

    private final List<CommitteeCandidate> candidates;
    private final long totalStake;

    private CandidatePool(List<CommitteeCandidate> sorted, long totalStake) {
        this.candidates = sorted;
        this.totalStake = totalStake;
    }

    /** @throws IllegalArgumentException if empty, too large, an identity repeats or the stake overflows */
    public static CandidatePool of(Collection<CommitteeCandidate> candidates) {
        if (candidates.isEmpty() || candidates.size() > MAX_CANDIDATES) {
            throw new IllegalArgumentException(
                    "a candidate pool needs 1.." + MAX_CANDIDATES + " candidates, got " + candidates.size());
        }
        List<CommitteeCandidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparing(CommitteeCandidate::identity));
        long total = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0 && sorted.get(i - 1).identity().equals(sorted.get(i).identity())) {
                throw new IllegalArgumentException("duplicate candidate " + sorted.get(i).identity());
            }
            if (sorted.get(i).stake() > Long.MAX_VALUE - total) {
                throw new IllegalArgumentException("total candidate stake exceeds " + Long.MAX_VALUE);
            }
            total += sorted.get(i).stake();
        }
        return new CandidatePool(List.copyOf(sorted), total);
    }

    /** The validator set's keys as identities, with their stakes. */
    public static CandidatePool fromValidatorSet(ValidatorSet set) {
        List<CommitteeCandidate> candidates = new ArrayList<>(set.size());
        for (Validator validator : set.validators()) {
            candidates.add(new CommitteeCandidate(validator.key(), validator.stake()));
        }
        return of(candidates);
    }

    public int size() {
        return candidates.size();
    }

    /** The candidate at {@code index} in identity order. */
    public CommitteeCandidate get(int index) {
        return candidates.get(index);
    }

    /** All candidates in identity order (unmodifiable). */
    public List<CommitteeCandidate> candidates() {
        return candidates;
    }

    public long totalStake() {
        return totalStake;
    }
}
