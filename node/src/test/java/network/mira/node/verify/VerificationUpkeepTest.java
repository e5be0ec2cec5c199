package network.mira.node.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.program.system.SystemProgram;
import network.mira.verification.program.AddressList;
import network.mira.verification.program.VerificationParameters;
import network.mira.verification.program.VerificationProgram;
import org.junit.jupiter.api.Test;

/** When the node should hurry: a request to draw, or a reveal deadline still ahead — and only then. */
class VerificationUpkeepTest {
    /** Commit 4, reveal 4: a request's deadline is at most 9 heights ahead of the finalized one. */
    private static final VerificationParameters PARAMETERS = VerificationParameters.defaults();
    private static final PublicKey REQUEST = VerificationProgram.requestAddress(PublicKey.wrap(new byte[32]), 1);

    private final SortedMap<PublicKey, Account> state = new TreeMap<>();

    @Test
    void nothingOpenMeansTheHeartbeat() {
        assertThat(upkeepAt(100)).isFalse();
        state.put(VerificationProgram.PENDING_DRAWS, program(AddressList.empty()));
        state.put(VerificationProgram.deadlineBucket(105), program(AddressList.empty()));
        assertThat(upkeepAt(100)).as("emptied queues").isFalse();
    }

    @Test
    void aRequestToDrawOrADeadlineAheadHurries() {
        state.put(VerificationProgram.PENDING_DRAWS, program(AddressList.empty().with(REQUEST, 100)));
        assertThat(upkeepAt(100)).isTrue();
        state.clear();
        state.put(VerificationProgram.deadlineBucket(109), program(AddressList.empty().with(REQUEST, 109)));
        assertThat(upkeepAt(100)).as("the furthest deadline a request drawn next can have").isTrue();
        assertThat(upkeepAt(109)).as("resolved by the next block's hook").isTrue();
        assertThat(upkeepAt(110)).as("already resolved").isFalse();
        assertThat(upkeepAt(99)).as("further ahead than any open request").isFalse();
    }

    @Test
    void aStrangersAccountAtABucketAddressIsNotWork() {
        state.put(VerificationProgram.deadlineBucket(105), Account.ofLamports(1_000, SystemProgram.ID));
        assertThat(upkeepAt(100)).isFalse();
    }

    @Test
    void itFollowsFinalizedBlocks() {
        VerificationUpkeep upkeep = new VerificationUpkeep(address -> Optional.ofNullable(state.get(address)),
                PARAMETERS, 100);
        assertThat(upkeep.getAsBoolean()).isFalse();
        state.put(VerificationProgram.PENDING_DRAWS, program(AddressList.empty().with(REQUEST, 101)));
        assertThat(upkeep.getAsBoolean()).as("read again only when a block is finalized").isFalse();
    }

    private boolean upkeepAt(long finalizedHeight) {
        return new VerificationUpkeep(address -> Optional.ofNullable(state.get(address)), PARAMETERS,
                finalizedHeight).getAsBoolean();
    }

    private static Account program(AddressList list) {
        return new Account(0, list.encode(), VerificationProgram.ID, false);
    }
}
