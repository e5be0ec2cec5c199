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
import network.mira.svm.parallel.SerialBlockExecutor;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single-validator engine over a real RocksDB: blocks, certificates, restarts. */
class SingleValidatorEngineTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long GENESIS_TIME = 1_764_115_200_000L;

    @TempDir
    Path dir;

    private final KeyPair validator = KeyPair.generate(RANDOM);
    private final KeyPair faucet = KeyPair.generate(RANDOM);
    private final Genesis genesis = Genesis.devnet(validator.publicKey(), faucet.publicKey(), GENESIS_TIME);
    private final List<FinalizedBlock> finalized = new ArrayList<>();

    private final class Node implements AutoCloseable {
        final RocksKeyValueStore store = RocksKeyValueStore.open(dir.resolve("db"));
        final Ledger ledger = new Ledger(store);
        final ChainParameters parameters = GenesisInitializer.openOrInitialize(ledger, genesis);
        final ProgramRegistry programs =
                new ProgramRegistry(List.of(new SystemProgramRuntime(), new ComputeBudgetProgramRuntime()));
        final Mempool mempool;
        final SingleValidatorEngine engine;

        Node() throws Exception {
            TransactionAdmission admission = new TransactionAdmission(new LedgerChainView(ledger, parameters),
                    programs, SystemProgram.ID);
            mempool = new Mempool(admission, 100, new SimpleMeterRegistry());
            engine = new SingleValidatorEngine(ledger, mempool,
                    BlockBuilder.create(ledger, new SerialBlockExecutor(new TransactionExecutor(programs, SystemProgram.ID)),
                            parameters, 100),
                    GuardedSigner.open(validator, dir.resolve("last-sign.bin")),
                    new CertificateVerifier(Ed25519::verify), parameters,
                    new SingleValidatorEngine.Settings(400, 2000, 100), List.of((block, nanos) -> finalized.add(block)), List.of());
        }

        @Override
        public void close() {
            store.close();
        }
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
