package network.mira.settlement.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.settlement.mempool.PendingTransaction;
import network.mira.svm.compute.ComputeParameters;
import network.mira.svm.program.system.SystemProgram;
import org.junit.jupiter.api.Test;

class BlockPackerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Hash BLOCKHASH = Hash.sha256(new byte[] {4});
    /** Small limits so a handful of transactions reach them: 100 per tx, 250 per account, 400 per block. */
    private static final ComputeParameters LIMITS = new ComputeParameters(100, 100, 400, 250);

    private final Map<PendingTransaction, TransactionCost> costs = new HashMap<>();
    private final KeyPair hot = KeyPair.generate(RANDOM);

    private PendingTransaction transfer(KeyPair from, long units, long price) {
        Transaction transaction = Transaction.sign(MessageCompiler.compileLegacy(from.publicKey(),
                List.of(SystemProgram.transfer(from.publicKey(), KeyPair.generate(RANDOM).publicKey(), 1)), BLOCKHASH),
                List.of(from));
        PendingTransaction pending = new PendingTransaction(transaction, transaction.serialize());
        costs.put(pending, new TransactionCost(units, price));
        return pending;
    }

    private BlockPacker packer(int maxTransactions) {
        return new BlockPacker(LIMITS, maxTransactions, costs::get);
    }

    @Test
    void aBlockBuiltElsewhereIsCheckedAgainstTheLimitsInItsOwnOrder() {
        PendingTransaction first = transfer(hot, 100, 1);
        PendingTransaction second = transfer(hot, 100, 1);
        PendingTransaction third = transfer(hot, 100, 1);
        assertThat(packer(10).limitViolation(List.of(first, second))).isNull();
        assertThat(packer(10).limitViolation(List.of(first, second, third)))
                .isEqualTo("transaction 2 takes writable account " + hot.publicKey()
                        + " past its compute limit of 250 units per block");
        List<PendingTransaction> many = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            many.add(transfer(KeyPair.generate(RANDOM), 100, 1));
        }
        assertThat(packer(1).limitViolation(many))
                .as("the count limit is a packing choice, the compute limit is the rule")
                .isEqualTo("transaction 4 takes the block past its compute limit of 400 units");
    }

    @Test
    void ordersByPricePerUnitThenArrival() {
        PendingTransaction cheap = transfer(KeyPair.generate(RANDOM), 10, 1);
        PendingTransaction rich = transfer(KeyPair.generate(RANDOM), 10, 50);
        PendingTransaction cheapLater = transfer(KeyPair.generate(RANDOM), 10, 1);
        PendingTransaction middle = transfer(KeyPair.generate(RANDOM), 10, 7);
        BlockPacker.Packing packing = packer(10).pack(List.of(cheap, rich, cheapLater, middle));
        assertThat(packing.selected()).containsExactly(rich, middle, cheap, cheapLater);
        assertThat(packing.computeUnits()).isEqualTo(40);
        assertThat(packing.deferred()).isEmpty();
    }

    @Test
    void blockComputeLimitDefersWhatDoesNotFitButStillTakesSmallerOnes() {
        List<PendingTransaction> candidates = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            candidates.add(transfer(KeyPair.generate(RANDOM), 100, 10));
        }
        PendingTransaction tooBig = transfer(KeyPair.generate(RANDOM), 100, 5);
        PendingTransaction small = transfer(KeyPair.generate(RANDOM), 0, 1);
        candidates.add(tooBig);
        candidates.add(small);
        BlockPacker.Packing packing = packer(100).pack(candidates);
        assertThat(packing.selected()).hasSize(5).doesNotContain(tooBig).contains(small);
        assertThat(packing.computeUnits()).isEqualTo(400);
        assertThat(packing.deferred()).containsExactly(Map.entry(DeferralReason.WOULD_EXCEED_BLOCK_COMPUTE_LIMIT, 1));
    }

    @Test
    void aHotAccountCannotStarveTheRestOfTheBlock() {
        List<PendingTransaction> candidates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            candidates.add(transfer(hot, 100, 1_000));   // the hot payer outbids everyone
        }
        PendingTransaction other = transfer(KeyPair.generate(RANDOM), 100, 1);
        candidates.add(other);
        BlockPacker.Packing packing = packer(100).pack(candidates);
        // 250 units per account: two hot transfers fit, the third would make 300.
        assertThat(packing.selected()).filteredOn(p -> p.transaction().message().feePayer().equals(hot.publicKey()))
                .hasSize(2);
        assertThat(packing.selected()).contains(other);
        assertThat(packing.deferred()).containsEntry(DeferralReason.WOULD_EXCEED_ACCOUNT_COMPUTE_LIMIT, 4);
    }

    @Test
    void transactionCountLimit() {
        List<PendingTransaction> candidates = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            candidates.add(transfer(KeyPair.generate(RANDOM), 1, 1));
        }
        BlockPacker.Packing packing = packer(3).pack(candidates);
        assertThat(packing.selected()).containsExactlyElementsOf(candidates.subList(0, 3));
        assertThat(packing.deferred()).containsExactly(Map.entry(DeferralReason.WOULD_EXCEED_BLOCK_TRANSACTION_LIMIT, 2));
    }

    @Test
    void packingIsDeterministic() {
        List<PendingTransaction> candidates = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            candidates.add(transfer(i % 3 == 0 ? hot : KeyPair.generate(RANDOM), 10 + i, i % 4));
        }
        assertThat(packer(12).pack(candidates)).isEqualTo(packer(12).pack(List.copyOf(candidates)));
    }
}
