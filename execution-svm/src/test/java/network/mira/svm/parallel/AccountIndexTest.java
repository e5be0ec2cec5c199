package network.mira.svm.parallel;

import static network.mira.svm.parallel.ExecutionFixtures.BLOCKHASH;
import static network.mira.svm.parallel.ExecutionFixtures.address;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.AccountMeta;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.Message;
import network.mira.core.tx.MessageCompiler;
import network.mira.svm.program.system.SystemInstruction;
import network.mira.svm.program.system.SystemProgram;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class AccountIndexTest {
    /** Payer {@code a} pays {@code b} and reads {@code c} (read-only): any of them may coincide. */
    private static Message message(int a, int b, int c) {
        Instruction instruction = new Instruction(SystemProgram.ID, List.of(AccountMeta.writable(address(a), true),
                AccountMeta.writable(address(b), false), AccountMeta.readonly(address(c), false)),
                new SystemInstruction.Transfer(1).encode());
        return MessageCompiler.compileLegacy(address(a), List.of(instruction), BLOCKHASH);
    }

    private static AccountIndex index(List<Message> messages, int workers) {
        AccountIndex index = new AccountIndex(messages.size(), workers);
        try (WorkerPool pool = new WorkerPool(workers, "index-test")) {
            pool.forEachIndex(messages.size(), 1, (worker, i) -> index.collect(worker, i, messages.get(i)));
            pool.runOnAll(index::assign);
        }
        return index;
    }

    private static List<Message> block(List<List<Integer>> triples) {
        List<Message> messages = new ArrayList<>();
        for (List<Integer> triple : triples) {
            messages.add(message(triple.get(0), triple.get(1), triple.get(2)));
        }
        return messages;
    }

    @Property(tries = 200)
    void sameAccountSameIdOtherAccountOtherId(
            @ForAll @Size(max = 60) List<@Size(3) List<@IntRange(max = 12) Integer>> triples,
            @ForAll @IntRange(min = 1, max = 4) int workers) {
        List<Message> messages = block(triples);
        AccountIndex index = index(messages, workers);
        Map<PublicKey, Integer> idOf = new HashMap<>();
        Map<Integer, PublicKey> keyOf = new HashMap<>();
        for (int t = 0; t < messages.size(); t++) {
            Message message = messages.get(t);
            int[] accesses = index.accesses(t);
            assertThat(accesses).hasSize(message.accountKeys().size());
            for (int k = 0; k < accesses.length; k++) {
                PublicKey key = message.accountKeys().get(k);
                int id = ConflictScheduler.accountOf(accesses[k]);
                assertThat(accesses[k] >= 0).as("writability of key %d", k).isEqualTo(message.isWritable(k));
                assertThat(id).isBetween(0, index.idBound() - 1);
                assertThat(idOf.computeIfAbsent(key, x -> id)).isEqualTo(id);
                assertThat(keyOf.computeIfAbsent(id, x -> key)).isEqualTo(key);
                assertThat(index.find(key)).isEqualTo(id);
            }
        }
        assertThat(index.find(address(100))).isEqualTo(AccountIndex.NO_ID);
    }

    /** Leaving out transactions that cannot conflict must not move any transaction to another batch. */
    @Property(tries = 200)
    void planningOnlyContendedTransactionsGivesTheFullPlan(
            @ForAll @Size(max = 60) List<@Size(3) List<@IntRange(max = 40) Integer>> triples,
            @ForAll @IntRange(min = 1, max = 3) int workers) {
        List<Message> messages = block(triples);
        AccountIndex index = index(messages, workers);
        boolean[] everyone = new boolean[messages.size()];
        Arrays.fill(everyone, true);
        Schedule full = ConflictScheduler.schedule(index.accesses(), index.idBound(), everyone);
        Schedule filtered = ConflictScheduler.schedule(index.accesses(), index.idBound(), index.touchesContended());
        for (int t = 0; t < messages.size(); t++) {
            assertThat(filtered.batchOf(t)).as("transaction %d", t).isEqualTo(full.batchOf(t));
            if (!index.touchesContended()[t]) {
                assertThat(full.batchOf(t)).isZero();
            }
        }
        assertThat(filtered.batchCount()).isEqualTo(full.batchCount());
        List<AccountLocks> locks = messages.stream().map(AccountLocks::of).toList();
        Schedule byLocks = ConflictScheduler.schedule(locks);
        for (int t = 0; t < messages.size(); t++) {
            assertThat(byLocks.batchOf(t)).isEqualTo(full.batchOf(t));
        }
    }
}
