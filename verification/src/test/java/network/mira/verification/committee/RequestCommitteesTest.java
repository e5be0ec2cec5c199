package network.mira.verification.committee;

import static network.mira.verification.committee.CommitteeFixtures.VECTOR_BLOCK_HASH;
import static network.mira.verification.committee.CommitteeFixtures.blockHash;
import static network.mira.verification.committee.CommitteeFixtures.key;
import static network.mira.verification.committee.CommitteeFixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.claims.ClaimLimits;
import org.junit.jupiter.api.Test;

class RequestCommitteesTest {

    /** Computed independently in Python (docs/verification.md): claim 2 keeps 3 and 5 of S = {3, 5}, so it is redrawn. */
    @Test
    void committeesMatchTheDocumentedVector() throws CommitteeSizeException {
        List<Committee> committees = RequestCommittees.select(pool(10, 20, 30, 40, 50), VECTOR_BLOCK_HASH, 3, 2);
        assertThat(committees).extracting(CommitteeFixtures::fills)
                .containsExactly(List.of(3, 5), List.of(3, 5), List.of(1, 2));
    }

    /** Four validators, committees of three, four claims: each committee must leave out a different one. */
    @Test
    void fourValidatorsCommitteesOfThreeFourClaimsLeaveEachValidatorOutOnce() throws CommitteeSizeException {
        Hash block = Hash.wrap(HexFormat.of().parseHex(
                "dc46e5e0d8a0c563e6e3b1a7c78a710d8038f0e493745abafbfb19f90bf34b88"));
        List<Committee> committees = RequestCommittees.select(pool(10, 20, 30, 40), block, 4, 3);
        assertThat(committees).extracting(CommitteeFixtures::fills).containsExactly(
                List.of(2, 3, 4), List.of(1, 2, 3), List.of(1, 3, 4), List.of(1, 2, 4));
        for (int sample = 0; sample < 200; sample++) {
            List<Committee> spread = RequestCommittees.select(pool(10, 20, 30, 40), blockHash(sample), 4, 3);
            assertThat(onEveryCommittee(spread)).isEmpty();
        }
    }

    @Test
    void withFewerClaimsThanNeededSomeoneSitsOnEveryCommitteeAndNothingIsRedrawn() throws CommitteeSizeException {
        // 3 claims * (4 - 3) left out < 4 validators: impossible, so the committees are the plain draws.
        List<Committee> committees = RequestCommittees.select(pool(10, 20, 30, 40), VECTOR_BLOCK_HASH, 3, 3);
        assertThat(committees).isEqualTo(independent(pool(10, 20, 30, 40), VECTOR_BLOCK_HASH, 3, 3));
        assertThat(onEveryCommittee(committees)).isNotEmpty();
    }

    /**
     * The spreading rule: when C >= 2 and C * (n - k) >= n nobody sits on every committee; otherwise the
     * committees are the claims' own draws. When n >= 2k only the last committee can differ from its draw.
     */
    @Property(tries = 2000)
    void nobodySitsOnEveryCommitteeWheneverThatIsPossible(
            @ForAll @Size(min = 1, max = 12) List<@LongRange(min = 1, max = 1_000_000L) Long> stakes,
            @ForAll @IntRange(min = 1, max = 12) int k, @ForAll @IntRange(min = 1, max = 10) int claims,
            @ForAll long sample) throws CommitteeSizeException {
        CandidatePool candidates = pool(stakes.stream().mapToLong(Long::longValue).toArray());
        int n = candidates.size();
        int size = Math.min(k, n);
        Hash block = blockHash(sample);
        List<Committee> committees = RequestCommittees.select(candidates, block, claims, size);
        List<Committee> draws = independent(candidates, block, claims, size);

        assertThat(committees).hasSize(claims);
        for (int claim = 0; claim < claims; claim++) {
            assertThat(committees.get(claim).claimIndex()).isEqualTo(claim);
            assertThat(committees.get(claim).members()).hasSize(size).doesNotHaveDuplicates();
        }
        boolean possible = claims >= 2 && (long) claims * (n - size) >= n;
        Statistics.label("spreading possible").collect(possible);
        Statistics.label("redrawn").collect(countDifferent(committees, draws));
        if (possible) {
            assertThat(onEveryCommittee(committees)).isEmpty();
        } else {
            assertThat(committees).isEqualTo(draws);
        }
        if (n >= 2 * size) {
            assertThat(committees.subList(0, claims - 1)).isEqualTo(draws.subList(0, claims - 1));
        }
        assertThat(RequestCommittees.select(candidates, block, claims, size)).isEqualTo(committees);
    }

    @Test
    void aLoneClaimIsItsOwnDraw() throws CommitteeSizeException {
        CandidatePool candidates = pool(1, 2, 3, 4, 5, 6);
        assertThat(RequestCommittees.select(candidates, VECTOR_BLOCK_HASH, 1, 2))
                .containsExactly(CommitteeSelector.select(candidates, VECTOR_BLOCK_HASH, 0, 2));
    }

    @Test
    void badRequestsAreRefusedOrProgrammingErrors() {
        assertThatThrownBy(() -> RequestCommittees.select(pool(1, 2), VECTOR_BLOCK_HASH, 2, 3))
                .isInstanceOf(CommitteeSizeException.class);
        assertThatThrownBy(() -> RequestCommittees.select(pool(1, 2), VECTOR_BLOCK_HASH, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestCommittees.select(pool(1, 2), VECTOR_BLOCK_HASH, ClaimLimits.MAX_CLAIMS + 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Computed independently in Python: for claim 5 of the vector block, keys 1..4 rank 2, 4, 3, 1. */
    @Test
    void theExclusionOrderIsTheDocumentedHashOrder() {
        Set<PublicKey> all = new TreeSet<>(List.of(key(1), key(2), key(3), key(4)));
        assertThat(RequestCommittees.firstInExclusionOrder(all, VECTOR_BLOCK_HASH, 5, 1)).containsExactly(key(2));
        assertThat(RequestCommittees.firstInExclusionOrder(all, VECTOR_BLOCK_HASH, 5, 3))
                .containsExactlyInAnyOrder(key(2), key(4), key(3));
        assertThat(RequestCommittees.firstInExclusionOrder(all, VECTOR_BLOCK_HASH, 5, 4)).isEqualTo(all);
    }

    private static List<Committee> independent(CandidatePool candidates, Hash block, int claims, int k)
            throws CommitteeSizeException {
        List<Committee> draws = new ArrayList<>();
        for (int claim = 0; claim < claims; claim++) {
            draws.add(CommitteeSelector.select(candidates, block, claim, k));
        }
        return draws;
    }

    private static Set<PublicKey> onEveryCommittee(List<Committee> committees) {
        Set<PublicKey> common = new TreeSet<>(committees.get(0).identities());
        committees.forEach(committee -> common.retainAll(committee.identities()));
        return common;
    }

    private static int countDifferent(List<Committee> committees, List<Committee> draws) {
        int different = 0;
        for (int i = 0; i < committees.size(); i++) {
            different += committees.get(i).equals(draws.get(i)) ? 0 : 1;
        }
        return different;
    }
}
