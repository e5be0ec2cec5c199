package network.mira.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import network.mira.core.account.Account;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.service.StakingSnapshot;
import network.mira.rpc.stream.StakingStateFeed;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.settlement.staking.program.StakeProgram;
import org.junit.jupiter.api.Test;

/** The once-per-block decode of the stake state account that the slashing feed and the metrics share. */
class StakingStateFeedTest {
    private final List<StakingSnapshot> seen = new ArrayList<>();

    private static FinalizedBlock finalized(long height, SortedMap<PublicKey, Account> changed) {
        Hash root = Hash.sha256(new byte[] {(byte) height});
        Block block = new Block(new BlockHeader(BlockHeader.VERSION, height, Hash.ZERO, root,
                Block.transactionsRoot(List.of()), 1_000 * height, PublicKey.wrap(new byte[32]), Hash.ZERO, 0),
                List.of());
        return new FinalizedBlock(block, new CommitCertificate(height, 0, block.hash(), root, List.of()), changed,
                List.of(), List.of());
    }

    private static SortedMap<PublicKey, Account> stateAccount(StakingState state) {
        SortedMap<PublicKey, Account> changed = new TreeMap<>();
        changed.put(StakeProgram.STATE_ACCOUNT, new Account(state.totalStaked(), StakingStateCodec.encode(state),
                StakeProgram.ID, false));
        return changed;
    }

    @Test
    void everyConsumerGetsTheBlocksDecodedStateWithItsHeight() {
        StakingState state = StakingFixture.build();
        List<StakingSnapshot> other = new ArrayList<>();
        StakingStateFeed feed = new StakingStateFeed(List.of(seen::add, other::add));

        feed.onFinalized(finalized(7, stateAccount(state)), 0);

        assertThat(seen).singleElement().satisfies(snapshot -> {
            assertThat(snapshot.state()).isEqualTo(state);
            assertThat(snapshot.height()).isEqualTo(7);
        });
        assertThat(other).containsExactlyElementsOf(seen);
    }

    @Test
    void aBlockThatLeftTheStateAloneReportsNothing() {
        StakingStateFeed feed = new StakingStateFeed(List.of(seen::add));
        SortedMap<PublicKey, Account> other = new TreeMap<>();
        other.put(PublicKey.wrap(Hash.sha256(new byte[] {3}).bytes()), new Account(5, new byte[0],
                StakeProgram.ID, false));

        feed.onFinalized(finalized(3, other), 0);

        assertThat(seen).isEmpty();
    }

    @Test
    void aFailingConsumerDoesNotStarveTheNext() {
        Consumer<StakingSnapshot> failing = snapshot -> {
            throw new IllegalStateException("boom");
        };
        StakingStateFeed feed = new StakingStateFeed(List.of(failing, seen::add));

        feed.onFinalized(finalized(4, stateAccount(StakingFixture.genesis())), 0);

        assertThat(seen).hasSize(1);
    }
}
