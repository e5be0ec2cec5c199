package network.mira.settlement.staking.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.settlement.production.BuiltBlock;
import network.mira.settlement.staking.Slashing;
import network.mira.settlement.staking.SlashingEvent;
import network.mira.settlement.staking.StakingResult;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.settlement.staking.ValidatorStatus;
import network.mira.settlement.staking.program.StakeProgram;
import network.mira.svm.AccountReader;
import network.mira.svm.BlockContext;
import network.mira.svm.BlockHook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A block hook that rewrites the stake state before the transactions (as the verification program
 * does when it slashes) is not undone by the end of the block, even at an epoch boundary, where the
 * end runs the epoch transition on the state it reads. Builder and replayer must agree on it, and on
 * the parent hash every hook sees.
 */
class StakeChangingHookTest {
    private static final KeyPair V3 = StakingChain.VALIDATORS.get(3);
    /** The last block of epoch 0: its end runs the transition to epoch 1. */
    private static final long BOUNDARY = StakingChain.EPOCH_BLOCKS - 1;
    private static final Hash EVIDENCE = Hash.sha256("hook evidence".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dir;

    @Test
    void aHooksSlashAtTheEpochBoundarySurvivesTheEndOfTheBlock() {
        try (StakingChain chain = new StakingChain(dir, Map.of(), List.of(new SlashAtBoundary()))) {
            chain.produceUntil(BOUNDARY - 1, Set.of());
            BuiltBlock boundary = chain.produceEmpty(Set.of());
            assertThat(boundary.block().height()).isEqualTo(BOUNDARY);

            StakingState state = chain.state();
            assertThat(state.epoch()).as("the end of the block ran the epoch transition").isEqualTo(1);
            assertThat(state.validators().get(V3.publicKey()).status()).isEqualTo(ValidatorStatus.TOMBSTONED);
            assertThat(state.slashingEvents()).extracting(SlashingEvent::evidenceHash).containsExactly(EVIDENCE);
            assertThat(state.supply().slashed()).isEqualTo(StakingChain.VALIDATOR_STAKE * 500 / 10_000);
            assertThat(chain.setAt(BOUNDARY + 1).contains(V3.publicKey()))
                    .as("the transition chose the next set from the state the hook wrote").isFalse();
            assertThat(chain.ledgerLamports(Set.of())).isEqualTo(state.supply().expectedTotal());
            assertThat(chain.followerLedger().headHeader()).isEqualTo(chain.ledger().headHeader());
        }
    }

    @Test
    void everyHookSeesItsParentsHashOnTheBuilderAndTheReplayerAlike() {
        List<Hash> seen = Collections.synchronizedList(new ArrayList<>());
        BlockHook recorder = (state, block) -> {
            seen.add(block.parentHash());
            return new TreeMap<>();
        };
        try (StakingChain chain = new StakingChain(dir, Map.of(), List.of(recorder))) {
            Hash genesis = chain.ledger().headHeader().hash();
            chain.produceEmpty(Set.of());
            Hash first = chain.ledger().headHeader().hash();
            chain.produceEmpty(Set.of());

            // Each block runs its hooks twice: on the producer's builder, then on the follower's replayer.
            assertThat(seen).containsExactly(genesis, genesis, first, first);
        }
    }

    /** Double-sign slashes V3 in the boundary block, writing the state account as staking would. */
    private static final class SlashAtBoundary implements BlockHook {
        @Override
        public SortedMap<network.mira.core.crypto.PublicKey, Account> beforeTransactions(AccountReader state,
                                                                                         BlockContext block) {
            SortedMap<network.mira.core.crypto.PublicKey, Account> changes = new TreeMap<>();
            if (block.height() != BOUNDARY) {
                return changes;
            }
            Account account = state.get(StakeProgram.STATE_ACCOUNT).orElseThrow();
            StakingState before = decode(account);
            long pendingFees = account.lamports() - before.totalStaked();
            StakingResult result = Slashing.slashDoubleSign(before, V3.publicKey(), block.height(), EVIDENCE);
            StakingState after = ((StakingResult.Applied) result).state();
            changes.put(StakeProgram.STATE_ACCOUNT, new Account(after.totalStaked() + pendingFees,
                    StakingStateCodec.encode(after), account.owner(), false));
            return changes;
        }

        private static StakingState decode(Account account) {
            try {
                return StakingStateCodec.decode(account.data());
            } catch (DecodeException e) {
                throw new AssertionError(e);
            }
        }
    }
}
