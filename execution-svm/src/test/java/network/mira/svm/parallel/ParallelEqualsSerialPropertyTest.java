package network.mira.svm.parallel;

import static network.mira.svm.parallel.ExecutionFixtures.BLOCK;
import static network.mira.svm.parallel.ExecutionFixtures.FEE;
import static network.mira.svm.parallel.ExecutionFixtures.address;
import static network.mira.svm.parallel.ExecutionFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import network.mira.core.account.Account;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.store.RocksKeyValueStore;
import network.mira.core.tx.AccountMeta;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.Transaction;
import network.mira.svm.AccountReader;
import network.mira.svm.BlockExecution;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.program.computebudget.ComputeBudgetProgram;
import network.mira.svm.program.system.SystemInstruction;
import network.mira.svm.program.system.SystemProgram;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The invariant the parallel engine exists under: for any block, executing it in parallel gives
 * exactly the serial result (every entry with its error or rejection, every changed account's
 * bytes, the state root). Blocks are generated with controlled conflict patterns and a mix of
 * succeeding, failing and rejected transactions; fee payers with small or no balances make later
 * transactions depend on earlier ones.
 */
class ParallelEqualsSerialPropertyTest {
    /** Key 0 is the hot / shared account in the modes that have one. */
    private static final int SHARED = 0;
    /** A program id nobody registered. */
    private static final PublicKey UNKNOWN_PROGRAM = PublicKey.wrap(
            Hash.sha256("no such program".getBytes(StandardCharsets.UTF_8)).bytes());
    private static final PublicKey OTHER_OWNER = PublicKey.wrap(
            Hash.sha256("some program".getBytes(StandardCharsets.UTF_8)).bytes());
    private static final long[] AMOUNTS = {0, 1, 1_000, 100_000, 10_000_000};
    private static final int SMALL_BLOCK = 48;

    private static final TransactionExecutor EXECUTOR = ExecutionFixtures.transactionExecutor();
    private static final SerialBlockExecutor SERIAL = new SerialBlockExecutor(EXECUTOR);
    private static ParallelBlockExecutor twoWorkers;
    private static ParallelBlockExecutor fourWorkers;
    private static ParallelBlockExecutor threeWorkersSomeInline;
    private static Path storeDir;
    private static RocksKeyValueStore emptyStore;

    /** How a generated transaction's roles map onto keys, per conflict pattern. */
    enum Mode { DISJOINT, RANDOM_OVERLAP, HOT_ACCOUNT, READ_SHARED }

    enum Kind { TRANSFER, OVERDRAFT, READONLY_CREDIT, TWO_STEP_FAILS, CO_SIGNED, DRAIN, UNKNOWN_PROGRAM, CREATE_ACCOUNT,
        WRITE_SHARED, PRIORITY_FEE, COMPUTE_EXCEEDED }

    /** One transaction's shape; a, b, c pick keys and amount picks from AMOUNTS, as the mode says. */
    record TxSpec(Kind kind, int a, int b, int c, int amount) {}

    @BeforeContainer
    static void start() throws IOException {
        // Inline thresholds of 1 force even tiny batches through the workers.
        twoWorkers = new ParallelBlockExecutor(EXECUTOR, 2, 1);
        fourWorkers = new ParallelBlockExecutor(EXECUTOR, 4, 1);
        threeWorkersSomeInline = new ParallelBlockExecutor(EXECUTOR, 3, 8);
        storeDir = Files.createTempDirectory("mira-parallel-root");
        emptyStore = RocksKeyValueStore.open(storeDir);
    }

    @AfterContainer
    static void stop() throws IOException {
        twoWorkers.close();
        fourWorkers.close();
        threeWorkersSomeInline.close();
        emptyStore.close();
        try (Stream<Path> paths = Files.walk(storeDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Property(tries = 400)
    void disjointAccounts(@ForAll("smallBlocks") List<TxSpec> specs, @ForAll("balances") List<Integer> balances) {
        for (BlockExecution parallel : check(Mode.DISJOINT, specs, balances)) {
            assertThat(parallel.stats().batches()).isEqualTo(specs.isEmpty() ? 0 : 1);
        }
    }

    @Property(tries = 800)
    void randomOverlaps(@ForAll("smallBlocks") List<TxSpec> specs, @ForAll("balances") List<Integer> balances) {
        check(Mode.RANDOM_OVERLAP, specs, balances);
    }

    @Property(tries = 400)
    void everythingOnOneHotAccount(@ForAll("smallBlocks") List<TxSpec> specs,
                                   @ForAll("balances") List<Integer> balances) {
        check(Mode.HOT_ACCOUNT, specs, balances);
    }

    @Property(tries = 400)
    void readOnlySharing(@ForAll("smallBlocks") List<TxSpec> specs, @ForAll("balances") List<Integer> balances) {
        check(Mode.READ_SHARED, specs, balances);
    }

    /** Fewer, larger blocks: batches big enough that workers claim chunks of several transactions. */
    @Property(tries = 40)
    void largeBlocks(@ForAll("largeBlocks") List<TxSpec> specs, @ForAll("balances") List<Integer> balances,
                     @ForAll Mode mode) {
        check(mode == Mode.DISJOINT ? Mode.RANDOM_OVERLAP : mode, specs, balances);
    }

    /** Asserts every parallel configuration equals serial; returns the parallel executions. */
    private List<BlockExecution> check(Mode mode, List<TxSpec> specs, List<Integer> balances) {
        List<Transaction> block = build(mode, specs, balances);
        Map<PublicKey, Account> base = baseState(balances);
        AccountReader state = ExecutionFixtures.reader(base);
        BlockExecution serial = SERIAL.execute(block, state, BLOCK);
        List<String> expected = ExecutionFixtures.render(serial);
        collectStatistics(block, serial);
        Hash expectedRoot = ExecutionFixtures.stateRoot(emptyStore, base, serial.changes());
        List<BlockExecution> results = new ArrayList<>();
        for (ParallelBlockExecutor parallel : List.of(twoWorkers, fourWorkers, threeWorkersSomeInline)) {
            BlockExecution result = parallel.execute(block, state, BLOCK);
            results.add(result);
            assertThat(ExecutionFixtures.render(result)).as("%d workers", parallel.workers()).isEqualTo(expected);
            assertThat(ExecutionFixtures.stateRoot(emptyStore, base, result.changes())).isEqualTo(expectedRoot);
            assertThat(result.stats().workers()).isEqualTo(parallel.workers());
            assertThat(result.stats().largestBatch()).isLessThanOrEqualTo(block.size());
        }
        return results;
    }

    /** Shows in the test output that the generated blocks mix outcomes and sizes as intended. */
    private static void collectStatistics(List<Transaction> block, BlockExecution serial) {
        Statistics.label("block size").collect(block.size() == 0 ? "0" : block.size() <= 10 ? "1-10"
                : block.size() <= 30 ? "11-30" : block.size() <= 100 ? "31-100" : ">100");
        for (BlockExecution.Entry entry : serial.entries()) {
            Statistics.label("outcome").collect(entry.result()
                    .map(result -> result.error().map(error -> "failed " + error.code()).orElse("succeeded"))
                    .orElseGet(() -> "rejected " + entry.rejection().orElseThrow().code()));
        }
    }

    // ---- generation ----

    @Provide
    Arbitrary<List<TxSpec>> smallBlocks() {
        return txSpec().list().ofMaxSize(SMALL_BLOCK).withSizeDistribution(RandomDistribution.uniform());
    }

    @Provide
    Arbitrary<List<TxSpec>> largeBlocks() {
        return txSpec().list().ofMinSize(100).ofMaxSize(300);
    }

    /** Per key: 0 absent, 1 cannot pay the fee, 2 pays about one fee, 3 and 4 comfortable, 5 carries data. */
    @Provide
    Arbitrary<List<Integer>> balances() {
        return Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(1, 1), Tuple.of(2, 2), Tuple.of(4, 3), Tuple.of(8, 4),
                Tuple.of(1, 5)).list().ofSize(ExecutionFixtures.KEY_POOL_SIZE);
    }

    private static Arbitrary<TxSpec> txSpec() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(Tuple.of(10, Kind.TRANSFER), Tuple.of(2, Kind.OVERDRAFT),
                Tuple.of(2, Kind.READONLY_CREDIT), Tuple.of(2, Kind.TWO_STEP_FAILS), Tuple.of(2, Kind.CO_SIGNED),
                Tuple.of(2, Kind.DRAIN), Tuple.of(1, Kind.UNKNOWN_PROGRAM), Tuple.of(2, Kind.CREATE_ACCOUNT),
                Tuple.of(2, Kind.WRITE_SHARED), Tuple.of(2, Kind.PRIORITY_FEE), Tuple.of(1, Kind.COMPUTE_EXCEEDED));
        Arbitrary<Integer> keys = Arbitraries.integers().between(0, 1_000);
        return Combinators.combine(kinds, keys, keys, keys, Arbitraries.integers().between(0, AMOUNTS.length - 1))
                .as(TxSpec::new);
    }

    private static Map<PublicKey, Account> baseState(List<Integer> balances) {
        Map<PublicKey, Account> base = new HashMap<>();
        for (int i = 0; i < balances.size(); i++) {
            long lamports = baseLamports(balances.get(i));
            if (balances.get(i) == 5) {
                base.put(address(i), new Account(lamports, new byte[] {1, 2, 3}, SystemProgram.ID, false));
            } else if (lamports > 0) {
                base.put(address(i), Account.ofLamports(lamports, SystemProgram.ID));
            }
        }
        return base;
    }

    private static long baseLamports(int balanceClass) {
        return switch (balanceClass) {
            case 0 -> 0;
            case 1 -> FEE - 1;
            case 2 -> FEE + 1_000;
            case 3 -> 200_000;
            default -> 1_000_000_000;
        };
    }

    private static List<Transaction> build(Mode mode, List<TxSpec> specs, List<Integer> balances) {
        List<Transaction> block = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            block.add(build(mode, i, specs.get(i), balances));
        }
        return block;
    }

    /** Keys [payer, receiver, third] for transaction {@code i} under {@code mode}. */
    private static int[] roles(Mode mode, int i, TxSpec spec) {
        return switch (mode) {
            case DISJOINT -> new int[] {3 * i + 1, 3 * i + 2, 3 * i + 3};
            case RANDOM_OVERLAP -> new int[] {spec.a() % 10, spec.b() % 10, spec.c() % 10};
            case HOT_ACCOUNT -> new int[] {1 + spec.a() % 40, SHARED, 1 + spec.c() % 40};
            case READ_SHARED -> new int[] {1 + (3 * i) % 150, 2 + (3 * i) % 150, 3 + (3 * i) % 150};
        };
    }

    private static Transaction build(Mode mode, int i, TxSpec spec, List<Integer> balances) {
        int[] roles = roles(mode, i, spec);
        KeyPair payer = key(roles[0]);
        PublicKey receiver = address(roles[1]);
        KeyPair third = key(roles[2]);
        long amount = AMOUNTS[spec.amount()];
        // In the disjoint mode nothing may share a writable account.
        Kind kind = mode == Mode.DISJOINT && spec.kind() == Kind.WRITE_SHARED ? Kind.TRANSFER : spec.kind();
        List<Instruction> instructions = new ArrayList<>();
        List<KeyPair> signers = new ArrayList<>(List.of(payer));
        switch (kind) {
            case TRANSFER -> instructions.add(SystemProgram.transfer(payer.publicKey(), receiver, amount));
            case OVERDRAFT -> instructions.add(SystemProgram.transfer(payer.publicKey(), receiver, Long.MAX_VALUE / 2));
            case READONLY_CREDIT -> instructions.add(transferWithRoles(payer.publicKey(), receiver, amount, false));
            case TWO_STEP_FAILS -> {
                instructions.add(SystemProgram.transfer(payer.publicKey(), receiver, amount));
                instructions.add(SystemProgram.transfer(payer.publicKey(), third.publicKey(), Long.MAX_VALUE / 2));
            }
            case CO_SIGNED -> {
                instructions.add(SystemProgram.transfer(third.publicKey(), receiver, amount));
                signers.add(third);
            }
            case DRAIN -> instructions.add(SystemProgram.transfer(payer.publicKey(), receiver,
                    Math.max(0, baseLamports(balances.get(roles[0])) - FEE)));
            case UNKNOWN_PROGRAM -> instructions.add(new Instruction(UNKNOWN_PROGRAM,
                    List.of(AccountMeta.writable(receiver, false)), new byte[] {1}));
            case CREATE_ACCOUNT -> {
                instructions.add(SystemProgram.createAccount(payer.publicKey(), third.publicKey(), amount,
                        spec.b() % 3 * 8, spec.c() % 2 == 0 ? SystemProgram.ID : OTHER_OWNER));
                signers.add(third);
            }
            case WRITE_SHARED -> instructions.add(SystemProgram.transfer(payer.publicKey(), address(SHARED), amount));
            case PRIORITY_FEE -> {
                instructions.add(ComputeBudgetProgram.setComputeUnitLimit(1_000 + spec.b()));
                instructions.add(ComputeBudgetProgram.setComputeUnitPrice(spec.c() * 1_000_000L));
                instructions.add(SystemProgram.transfer(payer.publicKey(), receiver, amount));
            }
            case COMPUTE_EXCEEDED -> {
                // The budget covers the compute budget instruction but not the transfer after it.
                instructions.add(ComputeBudgetProgram.setComputeUnitLimit(200));
                instructions.add(SystemProgram.transfer(payer.publicKey(), receiver, amount));
            }
        }
        if (mode == Mode.READ_SHARED && kind != Kind.WRITE_SHARED) {
            instructions.add(transferWithRoles(payer.publicKey(), address(SHARED), 0, false));
        }
        return ExecutionFixtures.signed(payer, instructions, signers.stream().distinct().toList());
    }

    /** A System transfer whose destination is declared with the given writability (read-only fails if credited). */
    private static Instruction transferWithRoles(PublicKey from, PublicKey to, long lamports, boolean toWritable) {
        return new Instruction(SystemProgram.ID, List.of(new AccountMeta(from, true, true),
                new AccountMeta(to, false, toWritable)), new SystemInstruction.Transfer(lamports).encode());
    }
}
