package network.mira.verification.committee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The tree answers what the documented linear walk answers, before and after removals. */
class StakeTreeTest {

    @Property(tries = 1000)
    void findsTheCandidateTheLinearWalkFinds(
            @ForAll @Size(min = 1, max = 40) List<@LongRange(min = 1, max = 1_000_000_000_000L) Long> stakes,
            @ForAll @Size(max = 39) List<@LongRange(min = 0, max = 1000) Long> removals,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        CandidatePool pool = CommitteeFixtures.pool(stakes.stream().mapToLong(Long::longValue).toArray());
        StakeTree tree = new StakeTree(pool);
        long[] remaining = stakes.stream().mapToLong(Long::longValue).toArray();
        for (long removal : removals.subList(0, Math.min(removals.size(), stakes.size() - 1))) {
            int index = (int) (removal % stakes.size());
            if (!tree.isRemoved(index)) {
                tree.remove(index);
                remaining[index] = 0;
            }
        }
        long total = 0;
        for (long stake : remaining) {
            total += stake;
        }
        assertThat(tree.total()).isEqualTo(total);
        for (long point : List.of(0L, total - 1, seed % total, (seed / 3) % total)) {
            assertThat(tree.candidateAt(point)).isEqualTo(linearWalk(remaining, point));
        }
    }

    /** The rule as documented: the first candidate whose running stake total exceeds the point. */
    private static int linearWalk(long[] stakes, long point) {
        long running = 0;
        for (int i = 0; i < stakes.length; i++) {
            running += stakes[i];
            if (running > point) {
                return i;
            }
        }
        throw new AssertionError("point beyond the total");
    }
}
