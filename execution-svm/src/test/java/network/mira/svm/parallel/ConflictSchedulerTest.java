package network.mira.svm.parallel;

import static network.mira.svm.parallel.ExecutionFixtures.BLOCKHASH;
import static network.mira.svm.parallel.ExecutionFixtures.address;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import network.mira.core.tx.AccountMeta;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.MessageCompiler;
import network.mira.svm.program.system.SystemInstruction;
import network.mira.svm.program.system.SystemProgram;
import org.junit.jupiter.api.Test;

class ConflictSchedulerTest {
    private static AccountLocks transfer(int from, int to) {
        return AccountLocks.of(MessageCompiler.compileLegacy(address(from),
                List.of(SystemProgram.transfer(address(from), address(to), 1)), BLOCKHASH));
    }

    /** Payer {@code payer} writes itself and only reads {@code read}. */
    private static AccountLocks reads(int payer, int read) {
        Instruction instruction = new Instruction(SystemProgram.ID, List.of(AccountMeta.writable(address(payer), true),
                AccountMeta.readonly(address(read), false)), new SystemInstruction.Transfer(0).encode());
        return AccountLocks.of(MessageCompiler.compileLegacy(address(payer), List.of(instruction), BLOCKHASH));
    }

    private static List<List<Integer>> batches(Schedule schedule) {
        List<List<Integer>> batches = new ArrayList<>();
        for (int b = 0; b < schedule.batchCount(); b++) {
            batches.add(List.copyOf(schedule.batch(b)));
        }
        return batches;
    }

    @Test
    void locksComeFromTheHeader() {
        AccountLocks locks = reads(1, 2);
        assertThat(locks.writable()).containsExactly(address(1));
        assertThat(locks.readOnly()).containsExactlyInAnyOrder(address(2), SystemProgram.ID);
    }

    @Test
    void conflictNeedsAWriter() {
        assertThat(transfer(1, 2).conflictsWith(transfer(3, 4))).isFalse();
        assertThat(transfer(1, 2).conflictsWith(transfer(3, 2))).isTrue();
        assertThat(transfer(1, 2).conflictsWith(reads(3, 2))).isTrue();
        assertThat(reads(3, 2).conflictsWith(transfer(1, 2))).isTrue();
        assertThat(reads(1, 9).conflictsWith(reads(3, 9))).as("both only read 9 and the system program").isFalse();
    }

    @Test
    void independentTransactionsShareOneBatch() {
        Schedule schedule = ConflictScheduler.schedule(List.of(transfer(1, 2), transfer(3, 4), transfer(5, 6)));
        assertThat(batches(schedule)).containsExactly(List.of(0, 1, 2));
    }

    @Test
    void aChainOnOneWritableAccountRunsOneByOne() {
        List<AccountLocks> chain = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            chain.add(transfer(i, 0));
        }
        Schedule schedule = ConflictScheduler.schedule(chain);
        assertThat(schedule.batchCount()).isEqualTo(5);
        assertThat(schedule.largestBatch()).isEqualTo(1);
        for (int i = 0; i < 5; i++) {
            assertThat(schedule.batchOf(i)).isEqualTo(i);
        }
    }

    @Test
    void readersShareABatchAndAWriterAfterThemStartsANewOne() {
        Schedule schedule = ConflictScheduler.schedule(List.of(
                reads(1, 9), reads(2, 9), reads(3, 9), transfer(4, 9), reads(5, 9), reads(6, 9)));
        assertThat(batches(schedule)).containsExactly(List.of(0, 1, 2), List.of(3), List.of(4, 5));
    }

    @Test
    void aHotAccountSerialisesOnlyTheTransactionsThatTouchIt() {
        // 0 is hot; the others are independent and all fit in the first batch.
        Schedule schedule = ConflictScheduler.schedule(List.of(
                transfer(1, 0), transfer(2, 3), transfer(4, 0), transfer(5, 6), transfer(7, 0), transfer(8, 9)));
        assertThat(batches(schedule)).containsExactly(List.of(0, 1, 3, 5), List.of(2), List.of(4));
    }

    @Test
    void aTransactionWaitsForItsLatestConflict() {
        // 2 conflicts with 0 (account 1) and with 1 (account 3), and 1 is already behind 0.
        Schedule schedule = ConflictScheduler.schedule(List.of(transfer(1, 2), transfer(2, 3), transfer(1, 3)));
        assertThat(batches(schedule)).containsExactly(List.of(0), List.of(1), List.of(2));
    }

    @Test
    void emptyBlockHasNoBatches() {
        Schedule schedule = ConflictScheduler.schedule(List.of());
        assertThat(schedule.batchCount()).isZero();
        assertThat(schedule.largestBatch()).isZero();
    }

    @Test
    void batchesAreConflictFreeOrderedAndReproducible() {
        Random random = new Random(42);
        List<AccountLocks> locks = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int payer = 1 + random.nextInt(30);
            locks.add(random.nextInt(4) == 0 ? reads(payer, 1 + random.nextInt(30)) : transfer(payer, 1 + random.nextInt(30)));
        }
        Schedule schedule = ConflictScheduler.schedule(locks);
        assertThat(batches(ConflictScheduler.schedule(locks))).isEqualTo(batches(schedule));
        for (int i = 0; i < locks.size(); i++) {
            for (int j = i + 1; j < locks.size(); j++) {
                if (locks.get(i).conflictsWith(locks.get(j))) {
                    assertThat(schedule.batchOf(i)).as("%d before %d", i, j).isLessThan(schedule.batchOf(j));
                }
            }
        }
        for (int b = 0; b < schedule.batchCount(); b++) {
            List<Integer> batch = schedule.batch(b);
            assertThat(batch).isSorted().isNotEmpty();
        }
    }

    @Test
    void everyTransactionIsPlacedInTheEarliestBatchItsConflictsAllow() {
        Random random = new Random(7);
        List<AccountLocks> locks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            locks.add(transfer(1 + random.nextInt(40), 1 + random.nextInt(40)));
        }
        Schedule schedule = ConflictScheduler.schedule(locks);
        for (int j = 0; j < locks.size(); j++) {
            int earliest = 0;
            for (int i = 0; i < j; i++) {
                if (locks.get(i).conflictsWith(locks.get(j))) {
                    earliest = Math.max(earliest, schedule.batchOf(i) + 1);
                }
            }
            assertThat(schedule.batchOf(j)).isEqualTo(earliest);
        }
    }

    @Test
    void largeIndependentBlockIsOneBatch() {
        List<AccountLocks> locks = new ArrayList<>();
        for (int i = 0; i + 1 < ExecutionFixtures.KEY_POOL_SIZE; i += 2) {
            locks.add(transfer(i, i + 1));
        }
        assertThat(ConflictScheduler.schedule(locks).batchCount()).isEqualTo(1);
    }
}
