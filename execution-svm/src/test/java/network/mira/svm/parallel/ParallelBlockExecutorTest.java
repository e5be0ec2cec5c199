package network.mira.svm.parallel;

import static network.mira.svm.parallel.ExecutionFixtures.BLOCK;
import static network.mira.svm.parallel.ExecutionFixtures.FEE;
import static network.mira.svm.parallel.ExecutionFixtures.address;
import static network.mira.svm.parallel.ExecutionFixtures.key;
import static network.mira.svm.parallel.ExecutionFixtures.render;
import static network.mira.svm.parallel.ExecutionFixtures.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Transaction;
import network.mira.svm.AccountReader;
import network.mira.svm.BlockExecution;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.program.system.SystemProgram;
import org.junit.jupiter.api.Test;

class ParallelBlockExecutorTest {
    private static final long FUNDS = 1_000_000_000;
    private final TransactionExecutor executor = ExecutionFixtures.transactionExecutor();
    private final Map<PublicKey, Account> committed = new HashMap<>();
    private final AccountReader state = ExecutionFixtures.reader(committed);

    private void fund(int... keys) {
        for (int key : keys) {
            committed.put(address(key), Account.ofLamports(FUNDS, SystemProgram.ID));
        }
    }

    /** Transfers key i -> key i+1 for even i: no two share an account. */
    private List<Transaction> independentTransfers(int count) {
        List<Transaction> block = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fund(2 * i);
            block.add(transfer(key(2 * i), address(2 * i + 1), 1_000 + i));
        }
        return block;
    }

    @Test
    void independentTransfersRunAsOneBatchOnEveryWorker() {
        List<Transaction> block = independentTransfers(70);
        BlockExecution serial = new SerialBlockExecutor(executor).execute(block, state, BLOCK);
        try (ParallelBlockExecutor parallel = new ParallelBlockExecutor(executor, 2)) {
            BlockExecution result = parallel.execute(block, state, BLOCK);
            assertThat(render(result)).isEqualTo(render(serial));
            assertThat(result.stats().batches()).isEqualTo(1);
            assertThat(result.stats().largestBatch()).isEqualTo(70);
            assertThat(result.stats().workers()).isEqualTo(2);
            assertThat(result.stats().busyNanos()).isPositive();
            assertThat(result.stats().wallNanos()).isPositive();
            assertThat(result.stats().utilisation()).isBetween(0.0, 1.0);
        }
        assertThat(serial.changes()).hasSize(140);
        assertThat(serial.changes().get(address(1)).lamports()).isEqualTo(1_000);
    }

    @Test
    void repeatedRunsGiveTheSameResult() {
        fund(0, 1, 2, 3);
        List<Transaction> block = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            block.add(transfer(key(i % 4), address((i * 7) % 9), i * 13L));
        }
        List<String> expected = render(new SerialBlockExecutor(executor).execute(block, state, BLOCK));
        try (ParallelBlockExecutor parallel = new ParallelBlockExecutor(executor, 4, 1)) {
            for (int run = 0; run < 25; run++) {
                assertThat(render(parallel.execute(block, state, BLOCK))).isEqualTo(expected);
            }
        }
    }

    @Test
    void aBadSignatureIsRejectedAndNeverExecutes() {
        fund(0, 2);
        Transaction drain = ExecutionFixtures.withBadSignature(transfer(key(0), address(150), FUNDS - FEE));
        Transaction afterDrain = transfer(key(0), address(151), 10);
        List<Transaction> block = new ArrayList<>(List.of(drain, afterDrain));
        block.addAll(independentTransfers(20).subList(1, 20));
        try (ParallelBlockExecutor parallel = new ParallelBlockExecutor(executor, 2, 1)) {
            BlockExecution result = parallel.executeVerified(block, state, BLOCK);
            BlockExecution.Entry rejected = result.entries().get(0);
            assertThat(rejected.included()).isFalse();
            assertThat(rejected.rejection().orElseThrow().code()).isEqualTo("BAD_SIGNATURE");
            assertThat(result.changes()).doesNotContainKey(address(150));
            assertThat(result.entries().get(1).result().orElseThrow().succeeded()).isTrue();
            assertThat(result.changes().get(address(0)).lamports()).isEqualTo(FUNDS - FEE - 10);

            BlockExecution withoutBad = new SerialBlockExecutor(executor).execute(block.subList(1, block.size()),
                    state, BLOCK);
            assertThat(render(result).subList(1, render(result).size())).isEqualTo(render(withoutBad));
        }
    }

    @Test
    void onlyTransactionsNotAlreadyVerifiedAreChecked() {
        fund(0, 1);
        Transaction forged = ExecutionFixtures.withBadSignature(transfer(key(0), address(150), 5));
        Transaction honest = transfer(key(1), address(151), 10);
        List<Transaction> block = List.of(forged, honest);
        try (ParallelBlockExecutor parallel = new ParallelBlockExecutor(executor, 2, 1)) {
            BlockExecution checked = parallel.executeVerified(block, new boolean[] {false, true}, state, BLOCK);
            assertThat(checked.entries().get(0).rejection().orElseThrow().code()).isEqualTo("BAD_SIGNATURE");
            assertThat(checked.entries().get(1).included()).isTrue();
            // Marked as verified (the caller vouches for it), the forged one is not checked again:
            // the mark is a promise the caller must only make for bytes it verified itself.
            BlockExecution trusted = parallel.executeVerified(block, new boolean[] {true, true}, state, BLOCK);
            assertThat(trusted.entries().get(0).included()).isTrue();
            assertThatThrownBy(() -> parallel.executeVerified(block, new boolean[1], state, BLOCK))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 entries for 2");
        }
    }

    @Test
    void signatureStageJudgesEveryTransaction() {
        List<Transaction> block = new ArrayList<>(independentTransfers(30));
        block.set(3, ExecutionFixtures.withBadSignature(block.get(3)));
        block.set(29, ExecutionFixtures.withBadSignature(block.get(29)));
        for (int workers : new int[] {1, 3}) {
            try (SignatureVerificationStage stage = new SignatureVerificationStage(workers)) {
                boolean[] valid = stage.verify(block);
                for (int i = 0; i < block.size(); i++) {
                    assertThat(valid[i]).as("transaction %d with %d workers", i, workers).isEqualTo(i != 3 && i != 29);
                }
            }
        }
    }

    @Test
    void anUnexpectedFailurePropagatesAsTheEarliestInTheBatch() {
        fund(0, 1, 2, 3, 4, 5, 6, 7);
        // Reading the receivers of transactions 3 and 6 fails, as a broken store would.
        AccountReader failing = address -> {
            for (int broken : new int[] {3, 6}) {
                if (address.equals(address(20 + broken))) {
                    throw new IllegalStateException("read failed for receiver of " + broken);
                }
            }
            return state.get(address);
        };
        List<Transaction> block = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            block.add(transfer(key(i), address(20 + i), 1));
        }
        try (ParallelBlockExecutor parallel = new ParallelBlockExecutor(executor, 2, 1)) {
            for (int run = 0; run < 10; run++) {
                assertThatThrownBy(() -> parallel.execute(block, failing, BLOCK))
                        .isInstanceOf(IllegalStateException.class).hasMessage("read failed for receiver of 3");
            }
            List<Transaction> healthy = block.subList(0, 3);
            assertThat(parallel.execute(healthy, failing, BLOCK).entries()).allMatch(BlockExecution.Entry::included);
        }
    }

    @Test
    void addressesSharingLongPrefixesComeOutInAddressOrder() {
        // Receivers that agree on their first 31 bytes: the sort cannot rely on a prefix alone.
        List<Transaction> block = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            fund(i);
            byte[] receiver = new byte[32];
            Arrays.fill(receiver, 0, 31, (byte) (i % 2 == 0 ? 0x7F : 0x80));
            receiver[31] = (byte) (i * 37);
            block.add(transfer(key(i), PublicKey.wrap(receiver), 1 + i));
        }
        assertParallelEqualsSerial(block, state);
    }

    @Test
    void addressesWithEqualHashesStillWork() {
        // AccountKey mixes the words as w0*A + w1*B + w2*C + w3*D: w2 = t*D, w3 = -t*C cancel out,
        // so all these receivers hash alike. The index must stay correct (and not go quadratic).
        List<Transaction> block = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            fund(i % 100);
            block.add(transfer(key(i % 100), collidingAddress(i), 1 + i));
        }
        assertThat(new AccountKey(collidingAddress(5)).hashCode())
                .isEqualTo(new AccountKey(collidingAddress(0)).hashCode());
        assertParallelEqualsSerial(block, state);
    }

    private static PublicKey collidingAddress(long t) {
        return PublicKey.wrap(ByteBuffer.allocate(32).putLong(16, t * AccountKey.MIX_D).putLong(24, -t * AccountKey.MIX_C)
                .array());
    }

    private void assertParallelEqualsSerial(List<Transaction> block, AccountReader reader) {
        BlockExecution serial = new SerialBlockExecutor(executor).execute(block, reader, BLOCK);
        try (ParallelBlockExecutor parallel = new ParallelBlockExecutor(executor, 3, 1)) {
            BlockExecution result = parallel.execute(block, reader, BLOCK);
            assertThat(render(result)).isEqualTo(render(serial));
            assertThat(new ArrayList<>(result.changes().keySet())).isEqualTo(new ArrayList<>(serial.changes().keySet()));
        }
    }

    @Test
    void refusesNonsenseConfiguration() {
        assertThatThrownBy(() -> new ParallelBlockExecutor(executor, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParallelBlockExecutor(executor, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParallelBlockExecutor(null, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedExecutorRefusesWorkItCannotDo() {
        List<Transaction> block = independentTransfers(10);
        ParallelBlockExecutor parallel = new ParallelBlockExecutor(executor, 2, 1);
        parallel.close();
        assertThatThrownBy(() -> parallel.execute(block, state, BLOCK)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void chunksStayWithinBounds() {
        assertThat(WorkerPool.chunkSize(1, 4)).isEqualTo(1);
        assertThat(WorkerPool.chunkSize(64, 2)).isEqualTo(4);
        assertThat(WorkerPool.chunkSize(50_000, 2)).isEqualTo(128);
    }
}
