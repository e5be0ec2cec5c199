package network.mira.settlement.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.mira.config.Genesis;
import network.mira.core.account.Account;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.store.RocksKeyValueStore;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.genesis.GenesisInitializer;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.TransactionStatus;
import network.mira.settlement.mempool.PendingTransaction;
import network.mira.svm.ProgramRegistry;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.parallel.ParallelBlockExecutor;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block and account compute limits over real storage and the parallel executor: what does not fit
 * waits, untouched and unpaid, and goes into the next block.
 */
class BlockLimitsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long TIME = 1_764_115_200_000L;
    /** Each transfer reserves 150 units: two fit per account (300), four per block (600). */
    private static final Genesis.ComputeLimits LIMITS = new Genesis.ComputeLimits(150, 300, 600, 300);

    @TempDir
    Path dir;

    private final KeyPair validator = KeyPair.generate(RANDOM);
    private final KeyPair hot = KeyPair.generate(RANDOM);
    private final List<KeyPair> others = List.of(KeyPair.generate(RANDOM), KeyPair.generate(RANDOM),
            KeyPair.generate(RANDOM));
    /** Every transfer pays its own receiver, so only the senders can share an account. */
    private final List<PublicKey> receivers = new ArrayList<>();

    private Genesis genesis() {
        List<Genesis.GenesisAccount> accounts = new ArrayList<>();
        accounts.add(new Genesis.GenesisAccount(hot.publicKey(), 1_000_000_000));
        others.forEach(key -> accounts.add(new Genesis.GenesisAccount(key.publicKey(), 1_000_000_000)));
        return new Genesis("mira-limits", TIME, 5_000, 150, LIMITS, Optional.empty(), accounts,
                List.of(new Genesis.GenesisValidator(validator.publicKey(), 1_000)));
    }

    private PendingTransaction transfer(Ledger ledger, KeyPair from, long lamports) {
        PublicKey to = KeyPair.generate(RANDOM).publicKey();
        receivers.add(to);
        Transaction transaction = Transaction.sign(MessageCompiler.compileLegacy(from.publicKey(),
                List.of(SystemProgram.transfer(from.publicKey(), to, lamports)), ledger.head().hash()), List.of(from));
        return new PendingTransaction(transaction, transaction.serialize());
    }

    @Test
    void whatExceedsTheBlockOrAnAccountLimitWaitsForTheNextBlock() {
        try (RocksKeyValueStore store = RocksKeyValueStore.open(dir.resolve("db"));
             ParallelBlockExecutor executor = new ParallelBlockExecutor(new TransactionExecutor(new ProgramRegistry(
                     List.of(new SystemProgramRuntime(), new ComputeBudgetProgramRuntime())), SystemProgram.ID), 2)) {
            Ledger ledger = new Ledger(store);
            ChainParameters parameters = GenesisInitializer.openOrInitialize(ledger, genesis());
            BlockBuilder builder = BlockBuilder.create(ledger, executor, parameters, 100);

            List<PendingTransaction> candidates = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                candidates.add(transfer(ledger, hot, i));              // hot account first: arrival order
            }
            for (KeyPair other : others) {
                candidates.add(transfer(ledger, other, 10));
            }
            BuiltBlock first = builder.build(candidates, TIME + 1, validator.publicKey());
            assertThat(first.packing().computeUnits()).isEqualTo(600);
            assertThat(first.packing().deferred()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    DeferralReason.WOULD_EXCEED_ACCOUNT_COMPUTE_LIMIT, 1,
                    DeferralReason.WOULD_EXCEED_BLOCK_COMPUTE_LIMIT, 1));
            assertThat(first.results()).hasSize(4).allMatch(r -> r.succeeded());
            assertThat(first.dropped()).isEmpty();
            commit(ledger, first);

            // The deferred ones paid nothing and moved nothing.
            long hotAfterFirst = ledger.get(hot.publicKey()).map(Account::lamports).orElseThrow();
            assertThat(hotAfterFirst).isEqualTo(1_000_000_000 - 1 - 2 - 2 * 5_000);

            List<PendingTransaction> rest = candidates.stream()
                    .filter(c -> ledger.transaction(c.transaction().id()).isEmpty()).toList();
            assertThat(rest).hasSize(2);
            BuiltBlock second = builder.build(rest, TIME + 2, validator.publicKey());
            assertThat(second.packing().deferred()).isEmpty();
            assertThat(second.results()).hasSize(2).allMatch(r -> r.succeeded());
            commit(ledger, second);
            long received = receivers.stream().mapToLong(r -> ledger.get(r).map(Account::lamports).orElse(0L)).sum();
            assertThat(received).isEqualTo(1L + 2 + 3 + 3 * 10);
        }
    }

    private static void commit(Ledger ledger, BuiltBlock built) {
        List<TransactionStatus> statuses = new ArrayList<>();
        for (int i = 0; i < built.results().size(); i++) {
            statuses.add(TransactionStatus.of(built.results().get(i), built.block().height(), i));
        }
        var certificate = new network.mira.core.consensus.CommitCertificate(built.block().height(), 0,
                built.block().hash(), built.state().stateRoot(), List.of());
        ledger.commit(new FinalizedBlock(built.block(), certificate, built.state().changedAccounts(), statuses,
                built.accountKeys()), built.state());
    }
}
