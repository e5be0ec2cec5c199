package network.mira.settlement.evidence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import network.mira.config.Genesis;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.CommitSignature;
import network.mira.core.crypto.KeyPair;
import network.mira.core.store.RocksKeyValueStore;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.genesis.GenesisInitializer;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.TransactionStatus;
import network.mira.settlement.production.BlockBuilder;
import network.mira.settlement.production.BuiltBlock;
import network.mira.svm.ProgramRegistry;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.parallel.SerialBlockExecutor;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;

/**
 * A real ledger on RocksDB with two validators ({@link #PROPOSER} builds every block, {@link
 * #EQUIVOCATOR} is the one that double-signs), an evidence pool, and a builder that takes the
 * pool's evidence. Blocks are committed as the engine would, with a certificate the ledger stores
 * unchecked, and the pool hears of every one.
 */
final class TestChain implements AutoCloseable {
    static final String CHAIN_ID = "mira-evidence";
    static final KeyPair PROPOSER = EvidenceFixtures.key(1);
    static final KeyPair EQUIVOCATOR = EvidenceFixtures.key(2);
    static final long GENESIS_TIME_MS = 1_764_115_200_000L;

    final RocksKeyValueStore store;
    final Ledger ledger;
    final ChainParameters parameters;
    final EvidenceVerifier verifier;
    final EvidencePool pool;
    final BlockBuilder builder;

    TestChain(Path dir, int poolCapacity) {
        store = RocksKeyValueStore.open(dir);
        ledger = new Ledger(store);
        parameters = GenesisInitializer.openOrInitialize(ledger, genesis());
        verifier = EvidenceVerifier.forChain(parameters);
        pool = new EvidencePool(verifier, ledger, poolCapacity);
        builder = BlockBuilder.create(ledger, new SerialBlockExecutor(new TransactionExecutor(new ProgramRegistry(
                List.of(new SystemProgramRuntime(), new ComputeBudgetProgramRuntime())), SystemProgram.ID)),
                parameters, 100, pool);
    }

    static Genesis genesis() {
        return new Genesis(CHAIN_ID, GENESIS_TIME_MS, 5_000, 150, Genesis.ComputeLimits.DEFAULTS, Optional.empty(),
                List.of(new Genesis.GenesisAccount(PROPOSER.publicKey(), 1_000_000_000)),
                List.of(new Genesis.GenesisValidator(PROPOSER.publicKey(), 100),
                        new Genesis.GenesisValidator(EQUIVOCATOR.publicKey(), 10)));
    }

    BuiltBlock build() {
        return builder.build(List.of(), GENESIS_TIME_MS + 1_000 * (ledger.finalizedHeight() + 1),
                PROPOSER.publicKey());
    }

    /** Builds and finalizes the next block; returns what was committed. */
    FinalizedBlock produce() {
        return commit(build());
    }

    FinalizedBlock commit(BuiltBlock built) {
        List<TransactionStatus> statuses = new ArrayList<>();
        for (int i = 0; i < built.results().size(); i++) {
            statuses.add(TransactionStatus.of(built.results().get(i), built.block().height(), i));
        }
        FinalizedBlock finalized = new FinalizedBlock(built.block(), certificate(built), built.state().changedAccounts(),
                statuses, built.accountKeys());
        ledger.commit(finalized, built.state());
        pool.onFinalized(finalized, 0);
        return finalized;
    }

    /** Both validators' precommits: the next block carries it as its last commit, which replay verifies. */
    static CommitCertificate certificate(BuiltBlock built) {
        CommitCertificate unsigned = new CommitCertificate(built.block().height(), 0, built.block().hash(),
                built.state().stateRoot(), List.of());
        byte[] signBytes = unsigned.signBytes(CHAIN_ID);
        return new CommitCertificate(unsigned.height(), 0, unsigned.blockHash(), unsigned.stateRoot(), List.of(
                new CommitSignature(PROPOSER.publicKey(), PROPOSER.sign(signBytes)),
                new CommitSignature(EQUIVOCATOR.publicKey(), EQUIVOCATOR.sign(signBytes))));
    }

    @Override
    public void close() {
        store.close();
    }
}
