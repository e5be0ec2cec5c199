package network.mira.verification.committee;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * Draws one claim's committee: k distinct validators by stake without replacement. Each pick takes
 * the next number r of the claim's {@link DrawStream} below the stake still in the pool, and picks the
 * candidate, in identity order, whose stake interval holds r (candidate i owns
 * {@code [stake before i, stake before i + stake_i)}); that candidate leaves the pool and the next
 * pick draws from the rest. A validator's chance of each pick is its share of the remaining stake.
 */
public final class CommitteeSelector {
    private CommitteeSelector() {}

    /**
     * The committee of claim {@code claimIndex} on its own. A request's committees come from
     * {@link RequestCommittees#select}, which may redraw one to spread claims across validators.
     *
     * @throws CommitteeSizeException if k is not positive or exceeds the pool; k equal to the pool
     *     selects everyone
     */
    public static Committee select(CandidatePool pool, Hash requestBlockHash, int claimIndex, int k)
            throws CommitteeSizeException {
        CommitteeSizeException.check(k, pool.size());
        return draw(pool, requestBlockHash, claimIndex, 0, k, Set.of());
    }

    /** The draw itself, from the pool without {@code excluded}, using stream round {@code round}. */
    static Committee draw(CandidatePool pool, Hash blockHash, int claimIndex, int round, int k,
                          Set<PublicKey> excluded) {
        StakeTree stakes = new StakeTree(pool);
        int available = pool.size();
        for (int i = 0; i < pool.size(); i++) {
            if (excluded.contains(pool.get(i).identity())) {
                stakes.remove(i);
                available--;
            }
        }
        if (k < 1 || k > available) {
            throw new IllegalArgumentException("cannot draw " + k + " of " + available + " candidates");
        }
        DrawStream stream = new DrawStream(blockHash, claimIndex, round);
        List<CommitteeCandidate> members = new ArrayList<>(k);
        for (int pick = 0; pick < k; pick++) {
            int drawn = stakes.candidateAt(stream.nextBelow(stakes.total()));
            members.add(pool.get(drawn));
            stakes.remove(drawn);
        }
        return new Committee(claimIndex, members);
    }
}
