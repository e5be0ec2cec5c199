package network.mira.verification.committee;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import network.mira.core.codec.ByteWriter;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.claims.ClaimLimits;

/**
 * The committees of all claims of one request, spread so that no validator sits on every committee
 * (and so sees the whole output) whenever that is possible: with n candidates, committee size k and
 * C claims, when {@code C >= 2} and {@code C * (n - k) >= n} (each committee leaves out n - k
 * validators, and together they must leave out everyone).
 *
 * <p>Committees are drawn in claim order. Before claim c, let S be the validators on every committee
 * so far (everyone before claim 0) and R = C - 1 - c the claims after c; those can leave out at most
 * R * (n - k) of S, so claim c's committee may keep at most that many of S. If its draw keeps more,
 * it is drawn again (stream round 1) without the |S| - R * (n - k) members of S that come first in
 * the claim's exclusion order. For the last claim that is all of S; when n >= 2k only the last claim
 * can ever be redrawn.
 */
public final class RequestCommittees {
    private RequestCommittees() {}

    static final byte[] EXCLUSION_DOMAIN = "mira/committee/exclude/v1".getBytes(StandardCharsets.US_ASCII);

    /** @throws CommitteeSizeException if k is not positive or exceeds the pool */
    public static List<Committee> select(CandidatePool pool, Hash requestBlockHash, int claimCount, int k)
            throws CommitteeSizeException {
        if (claimCount < 1 || claimCount > ClaimLimits.MAX_CLAIMS) {
            throw new IllegalArgumentException("claim count must be 1.." + ClaimLimits.MAX_CLAIMS + ", got " + claimCount);
        }
        CommitteeSizeException.check(k, pool.size());
        long leftOutPerCommittee = pool.size() - k;
        boolean spread = claimCount >= 2 && claimCount * leftOutPerCommittee >= pool.size();
        Set<PublicKey> onEveryCommittee = new TreeSet<>();
        pool.candidates().forEach(candidate -> onEveryCommittee.add(candidate.identity()));
        List<Committee> committees = new ArrayList<>(claimCount);
        for (int claim = 0; claim < claimCount; claim++) {
            Committee committee = CommitteeSelector.draw(pool, requestBlockHash, claim, 0, k, Set.of());
            if (spread) {
                long mayKeep = (claimCount - 1L - claim) * leftOutPerCommittee;
                if (kept(onEveryCommittee, committee) > mayKeep) {
                    Set<PublicKey> excluded = firstInExclusionOrder(onEveryCommittee, requestBlockHash, claim,
                            (int) (onEveryCommittee.size() - mayKeep));
                    committee = CommitteeSelector.draw(pool, requestBlockHash, claim, 1, k, excluded);
                }
                onEveryCommittee.retainAll(committee.identities());
            }
            committees.add(committee);
        }
        if (spread && !onEveryCommittee.isEmpty()) {
            throw new IllegalStateException("spreading left " + onEveryCommittee + " on every committee");
        }
        return List.copyOf(committees);
    }

    private static long kept(Set<PublicKey> onEveryCommittee, Committee committee) {
        return committee.identities().stream().filter(onEveryCommittee::contains).count();
    }

    /**
     * The first {@code count} of {@code validators} ordered by
     * {@code SHA-256("mira/committee/exclude/v1" ‖ block hash ‖ u32 claim index ‖ identity)}, unsigned
     * ascending: unpredictable before the block, the same on every node, and favouring no identity.
     */
    static Set<PublicKey> firstInExclusionOrder(Set<PublicKey> validators, Hash blockHash, int claimIndex, int count) {
        byte[] prefix = new ByteWriter(EXCLUSION_DOMAIN.length + Hash.LENGTH + 4)
                .raw(EXCLUSION_DOMAIN).raw(blockHash.bytes()).u32(claimIndex).toByteArray();
        List<Ranked> ranked = new ArrayList<>(validators.size());
        for (PublicKey identity : validators) {
            ranked.add(new Ranked(Hash.sha256(prefix, identity.bytes()), identity));
        }
        ranked.sort(Comparator.comparing(Ranked::rank).thenComparing(Ranked::identity));
        Set<PublicKey> first = new TreeSet<>();
        ranked.subList(0, count).forEach(entry -> first.add(entry.identity()));
        return first;
    }

    private record Ranked(Hash rank, PublicKey identity) {}
}
