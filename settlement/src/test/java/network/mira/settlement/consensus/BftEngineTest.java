package network.mira.settlement.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import network.mira.config.Genesis;
import network.mira.core.account.Account;
import network.mira.core.block.Block;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.store.BigEndian;
import network.mira.core.store.Column;
import network.mira.core.store.Durability;
import network.mira.core.store.RocksKeyValueStore;
import network.mira.core.store.WriteSet;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.genesis.GenesisInitializer;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.LedgerException;
import network.mira.settlement.mempool.Mempool;
import network.mira.settlement.mempool.TransactionAdmission;
import network.mira.settlement.production.BlockBuilder;
import network.mira.settlement.signer.GuardedSigner;
import network.mira.svm.ProgramRegistry;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.settlement.bft.Settings;
import network.mira.settlement.bft.wal.ConsensusLog;
import network.mira.settlement.bft.wal.ConsensusWal;
import network.mira.settlement.production.BlockReplayer;
import network.mira.settlement.signer.ConsensusSigner;
import network.mira.settlement.signer.DoubleSignRefusedException;
import network.mira.svm.parallel.ParallelBlockExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BFT engine as the devnet runs it (one validator) over a real RocksDB, a real guarded signer
 * and a real consensus WAL: blocks, certificates, pacing, restarts, and a crash before every WAL
 * operation of a height.
 */
class BftEngineTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long GENESIS_TIME = 1_764_115_200_000L;
    private static final Settings TIMEOUTS = new Settings(3000, 500, 1000, 500, 1000, 500, 400, 64, 10_000);

    @TempDir
    Path dir;

    private final KeyPair validator = KeyPair.generate(RANDOM);
    private final KeyPair faucet = KeyPair.generate(RANDOM);
    private final Genesis genesis = Genesis.devnet(validator.publicKey(), faucet.publicKey(), GENESIS_TIME);
    private final List<FinalizedBlock> finalized = new ArrayList<>();
    /** Every signature the signer handed out, across restarts: (height, round, step) -> sign-bytes. */
    private final Map<String, byte[]> signed = new HashMap<>();
    private final List<String> doubleSigns = new ArrayList<>();

    /** Thrown by {@link CrashingLog} to stop a node mid-height as a power cut would. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash(int operation) {
            super("simulated crash before WAL operation " + operation);
        }
    }

    /** The real WAL, counting its operations and crashing before the n-th one (0 = never). */
    private static final class CrashingLog implements ConsensusLog {
        private final ConsensusWal wal;
        private final int crashBefore;
        int operations;

        CrashingLog(ConsensusWal wal, int crashBefore) {
            this.wal = wal;
            this.crashBefore = crashBefore;
        }

        private void operation() {
            operations++;
            if (operations == crashBefore) {
                throw new SimulatedCrash(operations);
            }
        }

        @Override
        public List<byte[]> recovered() {
            return wal.recovered();
        }

        @Override
        public void append(byte[] payload, boolean sync) throws IOException {
            operation();
            wal.append(payload, sync);
        }

        @Override
        public void sync() throws IOException {
            operation();
            wal.sync();
        }

        @Override
        public void reset() throws IOException {
            operation();
            wal.reset();
        }
    }

    /** Records what the guarded signer signs, so the test can check it never signed two things for one slot. */
    private final class RecordingSigner implements ConsensusSigner {
        private final ConsensusSigner inner;

        RecordingSigner(ConsensusSigner inner) {
            this.inner = inner;
        }

        @Override
        public PublicKey publicKey() {
            return inner.publicKey();
        }

        @Override
        public Signature sign(long height, int round, VoteStep step, byte[] signBytes)
                throws DoubleSignRefusedException {
            Signature signature = inner.sign(height, round, step, signBytes);
            byte[] before = signed.putIfAbsent(height + "/" + round + "/" + step, signBytes.clone());
            if (before != null && !java.util.Arrays.equals(before, signBytes)) {
                doubleSigns.add(height + "/" + round + "/" + step);
            }
            return signature;
        }

        @Override
        public Optional<LastSigned> lastSigned() {
            return inner.lastSigned();
        }
    }

    private final class Node implements AutoCloseable {
        final Path base;
        final RocksKeyValueStore store;
        final Ledger ledger;
        final ChainParameters parameters;
        final ProgramRegistry programs =
                new ProgramRegistry(List.of(new SystemProgramRuntime(), new ComputeBudgetProgramRuntime()));
        final ParallelBlockExecutor executor =
                new ParallelBlockExecutor(new TransactionExecutor(programs, SystemProgram.ID), 2);
        final ConsensusWal wal;
        final CrashingLog log;
        final Mempool mempool;
        final BftEngine engine;
        /** What the node's upkeep signal says: work of blocks themselves waits on coming heights. */
        final java.util.concurrent.atomic.AtomicBoolean upkeepWaiting = new java.util.concurrent.atomic.AtomicBoolean();

        Node() throws Exception {
            this(dir, 0);
        }

        Node(Path base, int crashBeforeWalOperation) throws Exception {
            this.base = base;
            store = RocksKeyValueStore.open(base.resolve("db"));
            ledger = new Ledger(store);
            parameters = GenesisInitializer.openOrInitialize(ledger, genesis);
            wal = ConsensusWal.open(base.resolve("consensus").resolve("wal"));
            TransactionAdmission admission = new TransactionAdmission(new LedgerChainView(ledger, parameters),
                    programs, SystemProgram.ID);
            mempool = new Mempool(admission, 100, new SimpleMeterRegistry());
            log = new CrashingLog(wal, crashBeforeWalOperation);
            BlockBuilder builder = BlockBuilder.create(ledger, executor, parameters, 100);
            engine = new BftEngine(new BftEngine.Components(ledger, mempool, builder,
                    new BlockReplayer(ledger, executor::executeVerified, builder, parameters),
                    new RecordingSigner(GuardedSigner.open(validator, base.resolve("last-sign.bin"))), parameters,
                    TIMEOUTS, new BftEngine.Pacing(400, 2000, 100, upkeepWaiting::get), log,
                    List.of((block, nanos) -> finalized.add(block)), List.of(), evidence -> { },
                    BftEngine.Broadcaster.NONE, new SimpleMeterRegistry()));
        }

        @Override
        public void close() throws IOException {
            wal.close();
            executor.close();
            store.close();
        }
    }

    /** Where a height's WAL operations happen: lock, own proposal and votes, the fsync, the reset after commit. */
    private static final int HEIGHTS_UNDER_TEST = 2;

    @Test
    void recoversFromACrashBeforeEveryWalOperationOfAHeight() throws Exception {
        int operations;
        try (Node probe = new Node(dir.resolve("probe"), 0)) {
            runHeights(probe, transfer(probe, faucet, KeyPair.generate(RANDOM), 1));
            operations = probe.log.operations;
        }
        assertThat(operations).as("WAL operations in %d heights", HEIGHTS_UNDER_TEST).isGreaterThanOrEqualTo(6);

        for (int crashAt = 1; crashAt <= operations; crashAt++) {
            Path base = dir.resolve("crash-" + crashAt);
            KeyPair bob = KeyPair.generate(RANDOM);
            signed.clear();
            Transaction payment;
            Map<Long, Hash> precommittedBeforeCrash;
            try (Node node = new Node(base, crashAt)) {
                payment = transfer(node, faucet, bob, 1_000_000);
                try {
                    runHeights(node, payment);
                    throw new AssertionError("no crash at operation " + crashAt);
                } catch (SimulatedCrash expected) {
                    precommittedBeforeCrash = precommittedBlocks();
                }
            }
            try (Node restarted = new Node(base, 0)) {
                // The mempool lives in memory: like any client, resubmit until it is finalized.
                restarted.mempool.submit(payment.serialize());
                long time = GENESIS_TIME + 10_000;
                for (int tick = 0; tick < 40 && restarted.ledger.finalizedHeight() < HEIGHTS_UNDER_TEST + 1; tick++) {
                    restarted.engine.onTick(time += 500);
                }
                String at = "crash before WAL operation " + crashAt + " of " + operations + " (" + restarted.engine.describe()
                        + ")";
                assertThat(restarted.ledger.finalizedHeight()).as(at).isGreaterThan(HEIGHTS_UNDER_TEST);
                assertThat(restarted.ledger.get(bob.publicKey()).map(Account::lamports)).as(at).contains(1_000_000L);
                assertThat(doubleSigns).as(at).isEmpty();
                for (long height = 1; height <= restarted.ledger.finalizedHeight(); height++) {
                    Block block = restarted.ledger.block(height).orElseThrow();
                    new CertificateVerifier(Ed25519::verify).verify(genesis.chainId(), block.header(),
                            restarted.ledger.certificate(height).orElseThrow(), restarted.parameters.validators());
                    Hash precommitted = precommittedBeforeCrash.get(height);
                    if (precommitted != null) {
                        assertThat(block.hash()).as(at + ": block %d is the one precommitted before the crash", height)
                                .isEqualTo(precommitted);
                    }
                }
            }
        }
    }

    @Test
    void aRestartInTheMiddleOfAHeightFinishesItWithTheSameBlock() throws Exception {
        KeyPair bob = KeyPair.generate(RANDOM);
        Hash proposed;
        // WAL operations of height 1: proposal, prevote, lock, precommit, reset. Crash before the lock.
        try (Node node = new Node(dir, 3)) {
            node.mempool.submit(transfer(node, faucet, bob, 5_000).serialize());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> node.engine.onTick(GENESIS_TIME + 10))
                    .isInstanceOf(SimulatedCrash.class);
            assertThat(node.ledger.finalizedHeight()).isZero();
        }
        try (Node node = new Node()) {
            assertThat(node.wal.recovered()).as("appended but not fsynced records survive a process crash").hasSize(2);
            node.engine.onTick(GENESIS_TIME + 20);
            assertThat(node.ledger.finalizedHeight()).isEqualTo(1);
            proposed = node.ledger.block(1).orElseThrow().hash();
            assertThat(node.ledger.get(bob.publicKey()).map(Account::lamports)).contains(5_000L);
            assertThat(node.wal.recovered()).hasSize(2);
        }
        try (Node node = new Node()) {
            assertThat(node.wal.recovered()).as("reset after the height was committed").isEmpty();
            assertThat(node.ledger.block(1).orElseThrow().hash()).isEqualTo(proposed);
        }
        assertThat(doubleSigns).isEmpty();
    }

    /** Runs the node through {@link #HEIGHTS_UNDER_TEST} heights, the first carrying {@code payment}. */
    private static void runHeights(Node node, Transaction payment) {
        assertThat(node.mempool.submit(payment.serialize()).isAccepted()).isTrue();
        long time = GENESIS_TIME + 10;
        for (int tick = 0; tick < 40 && node.ledger.finalizedHeight() < HEIGHTS_UNDER_TEST; tick++) {
            node.engine.onTick(time);
            time += 500;
        }
        assertThat(node.ledger.finalizedHeight()).isEqualTo(HEIGHTS_UNDER_TEST);
    }

    /** Block hash of every non-nil precommit signed so far, by height (from the recorded sign-bytes). */
    private Map<Long, Hash> precommittedBlocks() {
        Map<Long, Hash> out = new HashMap<>();
        signed.forEach((slot, bytes) -> {
            String[] parts = slot.split("/");
            Hash block = Hash.wrap(java.util.Arrays.copyOfRange(bytes, bytes.length - 64, bytes.length - 32));
            if (parts[2].equals(VoteStep.PRECOMMIT.name()) && !block.equals(Hash.ZERO)) {
                out.put(Long.parseLong(parts[0]), block);
            }
        });
        return out;
    }

    private Transaction transfer(Node node, KeyPair from, KeyPair to, long lamports) {
        return Transaction.sign(MessageCompiler.compileLegacy(from.publicKey(),
                List.of(SystemProgram.transfer(from.publicKey(), to.publicKey(), lamports)), node.ledger.head().hash()),
                List.of(from));
    }

    @Test
    void producesCertifiedBlocksAndSurvivesRestart() throws Exception {
        KeyPair bob = KeyPair.generate(RANDOM);
        Hash root;
        long height;
        try (Node node = new Node()) {
            assertThat(node.ledger.finalizedHeight()).isZero();
            assertThat(node.mempool.submit(transfer(node, faucet, bob, 1_000_000).serialize()).isAccepted()).isTrue();
            node.engine.onTick(GENESIS_TIME + 10);
            assertThat(node.ledger.finalizedHeight()).isEqualTo(1);
            assertThat(node.ledger.get(bob.publicKey()).map(Account::lamports)).contains(1_000_000L);
            assertThat(node.mempool.isEmpty()).isTrue();

            Block block = node.ledger.block(1).orElseThrow();
            new CertificateVerifier(Ed25519::verify).verify(genesis.chainId(), block.header(),
                    node.ledger.certificate(1).orElseThrow(), node.parameters.validators());
            assertThat(block.header().parentHash()).isEqualTo(node.ledger.block(0).orElseThrow().hash());

            // Nothing waiting: no block before the heartbeat, one after it.
            node.engine.onTick(GENESIS_TIME + 500);
            node.engine.onTick(GENESIS_TIME + 1_000);
            assertThat(node.ledger.finalizedHeight()).isEqualTo(1);
            node.engine.onTick(GENESIS_TIME + 2_010);
            assertThat(node.ledger.finalizedHeight()).isEqualTo(2);
            root = node.ledger.state().root();
            height = node.ledger.finalizedHeight();
            assertThat(root).isEqualTo(node.ledger.head().header().stateRoot());
        }
        try (Node restarted = new Node()) {
            assertThat(restarted.ledger.finalizedHeight()).isEqualTo(height);
            assertThat(restarted.ledger.state().root()).isEqualTo(root);
            assertThat(restarted.ledger.get(bob.publicKey()).map(Account::lamports)).contains(1_000_000L);
            restarted.engine.onTick(GENESIS_TIME + 10_000);
            assertThat(restarted.ledger.finalizedHeight()).isEqualTo(height + 1);
        }
        assertThat(finalized).extracting(b -> b.block().height()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void upkeepWaitingBringsTheNextHeightAtTheTransactionPaceWithoutTransactions() throws Exception {
        try (Node node = new Node()) {
            node.engine.onTick(GENESIS_TIME + 10);
            assertThat(node.ledger.finalizedHeight()).isEqualTo(1);
            node.upkeepWaiting.set(true);
            node.engine.onTick(GENESIS_TIME + 300);
            assertThat(node.ledger.finalizedHeight()).as("not before the block interval").isEqualTo(1);
            node.engine.onTick(GENESIS_TIME + 420);
            assertThat(node.ledger.finalizedHeight()).as("at the 400 ms pace, not the 2 s heartbeat").isEqualTo(2);
            node.upkeepWaiting.set(false);
            node.engine.onTick(GENESIS_TIME + 900);
            node.engine.onTick(GENESIS_TIME + 1_500);
            assertThat(node.ledger.finalizedHeight()).as("back to the heartbeat").isEqualTo(2);
            node.engine.onTick(GENESIS_TIME + 2_500);
            assertThat(node.ledger.finalizedHeight()).isEqualTo(3);
        }
    }

    @Test
    void blockTimestampsNeverGoBackwards() throws Exception {
        try (Node node = new Node()) {
            node.engine.onTick(GENESIS_TIME - 60_000);
            assertThat(node.ledger.head().header().timestampMs()).isEqualTo(GENESIS_TIME);
        }
    }

    @Test
    void refusesACorruptHeadBlock() throws Exception {
        long head;
        try (Node node = new Node()) {
            node.engine.onTick(GENESIS_TIME + 1);
            head = node.ledger.finalizedHeight();
        }
        try (RocksKeyValueStore store = RocksKeyValueStore.open(dir.resolve("db"))) {
            WriteSet damage = new WriteSet();
            damage.put(Column.BLOCKS, BigEndian.u64(head), new byte[] {1, 2, 3});
            store.write(damage, Durability.SYNC);
            assertThatThrownBy(() -> GenesisInitializer.openOrInitialize(new Ledger(store), genesis))
                    .isInstanceOf(LedgerException.class)
                    .hasMessageContaining("data dir is corrupt: block " + head);
        }
    }

    @Test
    void refusesADataDirFromAnotherGenesis() throws Exception {
        try (Node node = new Node()) {
            node.engine.onTick(GENESIS_TIME + 1);
        }
        Genesis other = Genesis.devnet(validator.publicKey(), KeyPair.generate(RANDOM).publicKey(), GENESIS_TIME);
        try (RocksKeyValueStore store = RocksKeyValueStore.open(dir.resolve("db"))) {
            assertThatThrownBy(() -> GenesisInitializer.openOrInitialize(new Ledger(store), other))
                    .isInstanceOf(LedgerException.class)
                    .hasMessageContaining("belongs to another chain");
        }
    }
}
