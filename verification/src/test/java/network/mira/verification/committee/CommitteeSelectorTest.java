package network.mira.verification.committee;

import static network.mira.verification.committee.CommitteeFixtures.VECTOR_BLOCK_HASH;
import static network.mira.verification.committee.CommitteeFixtures.blockHash;
import static network.mira.verification.committee.CommitteeFixtures.fills;
import static network.mira.verification.committee.CommitteeFixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import network.mira.verification.committee.CommitteeSizeException.Reason;
import org.junit.jupiter.api.Test;

class CommitteeSelectorTest {
    private static final CandidatePool VECTOR_POOL = pool(10, 20, 30, 40, 50);

    /**
     * The vector of docs/verification.md, computed independently with a short Python program: pool
     * keys 0x01..0x05 (32 equal bytes each) with stakes 10..50, block hash 0x00..0x1f, k = 3.
     */
    @Test
    void committeesMatchTheDocumentedVector() throws CommitteeSizeException {
        assertThat(fills(CommitteeSelector.select(VECTOR_POOL, VECTOR_BLOCK_HASH, 0, 3))).containsExactly(3, 4, 5);
        assertThat(fills(CommitteeSelector.select(VECTOR_POOL, VECTOR_BLOCK_HASH, 1, 3))).containsExactly(1, 3, 5);
        assertThat(fills(CommitteeSelector.select(VECTOR_POOL, VECTOR_BLOCK_HASH, 2, 3))).containsExactly(3, 4, 5);
        assertThat(fills(CommitteeSelector.select(VECTOR_POOL, VECTOR_BLOCK_HASH, 3, 3))).containsExactly(2, 4, 5);
    }

    @Test
    void theSameInputsDrawTheSameCommittee() throws CommitteeSizeException {
        for (int sample = 0; sample < 200; sample++) {
            Committee first = CommitteeSelector.select(VECTOR_POOL, blockHash(sample), sample % 64, 2);
            Committee second = CommitteeSelector.select(pool(10, 20, 30, 40, 50), blockHash(sample), sample % 64, 2);
            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void aCommitteeAsLargeAsThePoolIsEveryone() throws CommitteeSizeException {
        Committee everyone = CommitteeSelector.select(VECTOR_POOL, VECTOR_BLOCK_HASH, 5, 5);
        assertThat(everyone.members()).isEqualTo(VECTOR_POOL.candidates());
        assertThat(everyone.totalStake()).isEqualTo(150);
    }

    @Test
    void aCommitteeLargerThanThePoolOrNotPositiveIsRefused() {
        assertThatThrownBy(() -> CommitteeSelector.select(VECTOR_POOL, VECTOR_BLOCK_HASH, 0, 6))
                .isInstanceOfSatisfying(CommitteeSizeException.class,
                        refusal -> assertThat(refusal.reason()).isEqualTo(Reason.LARGER_THAN_POOL))
                .hasMessage("committee size 6 is larger than the 5 validators that can be drawn");
        assertThatThrownBy(() -> CommitteeSelector.select(VECTOR_POOL, VECTOR_BLOCK_HASH, 0, 0))
                .isInstanceOfSatisfying(CommitteeSizeException.class,
                        refusal -> assertThat(refusal.reason()).isEqualTo(Reason.NOT_POSITIVE))
                .hasMessage("committee size must be at least 1, got 0");
    }

    @Property(tries = 1000)
    void aCommitteeHasKDistinctMembersOfThePool(
            @ForAll @Size(min = 1, max = 30) List<@LongRange(min = 1, max = 1_000_000_000_000_000L) Long> stakes,
            @ForAll @IntRange(min = 1, max = 30) int k,
            @ForAll @IntRange(min = 0, max = 63) int claim,
            @ForAll long sample) throws CommitteeSizeException {
        CandidatePool candidates = pool(stakes.stream().mapToLong(Long::longValue).toArray());
        int size = Math.min(k, candidates.size());
        Committee committee = CommitteeSelector.select(candidates, blockHash(sample), claim, size);
        assertThat(committee.claimIndex()).isEqualTo(claim);
        assertThat(committee.members()).hasSize(size).doesNotHaveDuplicates();
        assertThat(candidates.candidates()).containsAll(committee.members());
        assertThat(committee.members()).isSortedAccordingTo((a, b) -> a.identity().compareTo(b.identity()));
    }
}
