package network.mira.rpc;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import network.mira.config.Genesis;
import network.mira.core.account.Account;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.store.RocksKeyValueStore;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.rpc.service.AccountGrpcService;
import network.mira.rpc.service.ChainGrpcService;
import network.mira.rpc.service.FaucetGrpcService;
import network.mira.rpc.service.NodeGrpcService;
import network.mira.rpc.service.NodeStatusSnapshot;
import network.mira.rpc.service.SessionGrpcService;
import network.mira.rpc.service.TransactionGrpcService;
import network.mira.rpc.stream.BlockFeed;
import network.mira.rpc.band.BandBook;
import network.mira.rpc.band.BandReporter;
import network.mira.rpc.band.BandSettings;
import network.mira.rpc.band.BandTracker;
import network.mira.rpc.service.VerificationGrpcService;
import network.mira.rpc.stream.StreamFanOut;
import network.mira.rpc.stream.VerificationResultFeed;
import network.mira.rpc.v1.BandAlert;
import network.mira.rpc.v1.VerificationResult;
import network.mira.settlement.staking.GenesisValidator;
import network.mira.settlement.staking.StakingParameters;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.settlement.staking.program.StakeProgram;
import network.mira.verification.program.VerificationHook;
import network.mira.verification.program.VerificationParameters;
import network.mira.verification.program.VerificationProgramRuntime;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.consensus.LedgerChainView;
import network.mira.settlement.bft.Settings;
import network.mira.settlement.bft.wal.ConsensusWal;
import network.mira.settlement.consensus.BftEngine;
import network.mira.settlement.consensus.FinalizationListener;
import network.mira.settlement.evidence.EvidencePool;
import network.mira.settlement.evidence.EvidenceVerifier;
import network.mira.settlement.production.BlockReplayer;
import network.mira.settlement.faucet.Faucet;
import network.mira.settlement.genesis.GenesisInitializer;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.mempool.Mempool;
import network.mira.settlement.mempool.TransactionAdmission;
import network.mira.settlement.production.BlockBuilder;
import network.mira.settlement.signer.GuardedSigner;
import network.mira.sessions.program.SessionProgramRuntime;
import network.mira.sessions.program.SessionPruner;
import network.mira.svm.BlockHook;
import network.mira.svm.NativeProgram;
import network.mira.svm.ProgramRegistry;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.parallel.ParallelBlockExecutor;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;

/**
 * A real single-validator node in a temp dir (RocksDB, ledger, admission, mempool, engine, faucet)
 * behind a real gRPC server on 127.0.0.1 with a free port. The test drives block production with
 * {@link #produceBlock()}; nothing runs in the background except gRPC itself.
 */
final class TestNode implements AutoCloseable {
    static final long FEE = 5_000;
    static final long ALICE_LAMPORTS = 10_000_000_000L;
    static final long FAUCET_LAMPORTS = 1_000_000_000_000L;
    static final long FAUCET_MAX_LAMPORTS = 5_000_000_000L;
    static final long FAUCET_COOLDOWN_MS = 60_000;
    /** Every tick is at least this far after the last block, so every tick produces one. */
    private static final long EMPTY_BLOCK_INTERVAL_MS = 1_000;
    static final long GENESIS_TIME_MS = 1_700_000_000_000L;
    static final long SESSION_MAX_LIFETIME_MS = 8L * 24 * 3_600_000;
    /** Commit for 2 blocks, reveal for 2, committees of 4 (every verifier) deciding at two thirds. */
    static final VerificationParameters VERIFICATION = new VerificationParameters(2, 2, 4, 16, 6_667, 1_000, 8, 100,
            500, 1_000, 100, 700_000, 1_000, 2);
    static final long VERIFIER_STAKE = 1_000 * StakingParameters.LAMPORTS_PER_MIRA;

    /** @param sessions run the session program and its pruner, as a chain created with genesis parameters does */
    record Options(int mempoolCapacity, int blockhashMaxAgeBlocks, int streamQueueCapacity, boolean faucet,
                   boolean sessions, boolean verification) {
        Options(int mempoolCapacity, int blockhashMaxAgeBlocks, int streamQueueCapacity, boolean faucet,
                boolean sessions) {
            this(mempoolCapacity, blockhashMaxAgeBlocks, streamQueueCapacity, faucet, sessions, false);
        }

        static Options defaults() {
            return new Options(100, 150, 256, true, false);
        }

        /**
         * Runs the verification program and its hook over a stake state of {@link #verifiers} (written at
         * genesis; no stake program changes it), with the result feed and band tracker registered.
         */
        Options withVerification() {
            return new Options(mempoolCapacity, blockhashMaxAgeBlocks, streamQueueCapacity, faucet, sessions, true);
        }

        Options withMempoolCapacity(int capacity) {
            return new Options(capacity, blockhashMaxAgeBlocks, streamQueueCapacity, faucet, sessions);
        }

        Options withBlockhashMaxAge(int blocks) {
            return new Options(mempoolCapacity, blocks, streamQueueCapacity, faucet, sessions);
        }

        Options withStreamQueueCapacity(int blocks) {
            return new Options(mempoolCapacity, blockhashMaxAgeBlocks, blocks, faucet, sessions);
        }

        Options withoutFaucet() {
            return new Options(mempoolCapacity, blockhashMaxAgeBlocks, streamQueueCapacity, false, sessions);
        }

        Options withSessions() {
            return new Options(mempoolCapacity, blockhashMaxAgeBlocks, streamQueueCapacity, faucet, true);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    final KeyPair validator = KeyPair.generate(RANDOM);
    final KeyPair faucetKey = KeyPair.generate(RANDOM);
    final KeyPair alice = KeyPair.generate(RANDOM);
    final KeyPair bob = KeyPair.generate(RANDOM);
    /** Funded, but owned by another program: it may not pay fees. */
    final KeyPair programOwned = KeyPair.generate(RANDOM);
    /** The stake state's validators when verification runs: each may be drawn onto every committee. */
    final List<KeyPair> verifiers = List.of(KeyPair.generate(RANDOM), KeyPair.generate(RANDOM),
            KeyPair.generate(RANDOM), KeyPair.generate(RANDOM));
    final StreamFanOut<VerificationResult> results;
    final StreamFanOut<BandAlert> alerts;
    final BandBook band = new BandBook(BandSettings.DEFAULTS);
    final RocksKeyValueStore store;
    final Ledger ledger;
    final ChainParameters parameters;
    final Mempool mempool;
    final EvidencePool evidencePool;
    final BftEngine engine;
    private final ParallelBlockExecutor executor;
    private final ConsensusWal wal;
    final BlockFeed feed;
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final GrpcServer server;
    final ManagedChannel channel;
    private final ExecutorService delivery = Executors.newFixedThreadPool(2);
    private long clockMs = GENESIS_TIME_MS;

    TestNode(Path dir, Options options) throws IOException {
        this(dir, options, null);
    }

    /** @param streamDelivery runs block-stream deliveries; null for a small pool of the node's own */
    TestNode(Path dir, Options options, Executor streamDelivery) throws IOException {
        store = RocksKeyValueStore.open(dir.resolve("db"));
        ledger = new Ledger(store);
        parameters = GenesisInitializer.openOrInitialize(ledger, genesis(options));
        List<NativeProgram> runtimes = new ArrayList<>(List.of(new SystemProgramRuntime(),
                new ComputeBudgetProgramRuntime()));
        List<BlockHook> hooks = new ArrayList<>();
        if (options.sessions()) {
            runtimes.add(new SessionProgramRuntime(parameters.chainId(), SESSION_MAX_LIFETIME_MS));
            hooks.add(new SessionPruner());
        }
        if (options.verification()) {
            runtimes.add(new VerificationProgramRuntime(parameters.chainId(), VERIFICATION));
            hooks.add(new VerificationHook(VERIFICATION));
        }
        ProgramRegistry programs = new ProgramRegistry(runtimes);
        mempool = new Mempool(new TransactionAdmission(new LedgerChainView(ledger, parameters), programs,
                SystemProgram.ID), options.mempoolCapacity(), metrics);
        feed = new BlockFeed(ledger, options.streamQueueCapacity(), 16,
                streamDelivery == null ? delivery : streamDelivery);
        Executor deliveries = streamDelivery == null ? delivery : streamDelivery;
        results = new StreamFanOut<>("verification results", options.streamQueueCapacity(), 16, deliveries);
        alerts = new StreamFanOut<>("band alerts", options.streamQueueCapacity(), 16, deliveries);
        executor = new ParallelBlockExecutor(new TransactionExecutor(programs, SystemProgram.ID), 2);
        wal = ConsensusWal.open(dir.resolve("consensus-wal"));
        EvidenceVerifier evidenceVerifier = EvidenceVerifier.forChain(parameters);
        evidencePool = new EvidencePool(evidenceVerifier, ledger, EvidencePool.DEFAULT_CAPACITY);
        BlockBuilder builder = BlockBuilder.create(ledger, executor, parameters, 1_000, evidencePool, hooks);
        engine = new BftEngine(new BftEngine.Components(ledger, mempool, builder,
                new BlockReplayer(ledger, executor::executeVerified, builder, parameters, evidenceVerifier),
                GuardedSigner.open(validator, dir.resolve("signer-state")), parameters,
                new Settings(3000, 500, 1000, 500, 1000, 500, 100, 64, 10_000),
                new BftEngine.Pacing(100, EMPTY_BLOCK_INTERVAL_MS, 1_000), wal, listeners(options),
                List.of(), evidencePool::add, BftEngine.Broadcaster.NONE, metrics));
        Faucet faucet = new Faucet(options.faucet() ? Optional.of(faucetKey) : Optional.empty(), ledger, mempool,
                FAUCET_MAX_LAMPORTS, FAUCET_COOLDOWN_MS, () -> clockMs);
        List<BindableService> services = new ArrayList<>(List.of(
                new NodeGrpcService(this::status),
                new TransactionGrpcService(ledger, mempool),
                new AccountGrpcService(ledger),
                new ChainGrpcService(ledger, parameters, feed),
                new FaucetGrpcService(faucet),
                new SessionGrpcService(ledger, options.sessions()),
                new VerificationGrpcService(ledger, mempool, parameters.chainId(), options.verification(),
                        new VerificationGrpcService.Views(band, results, alerts))));
        server = new GrpcServer(GrpcServer.Settings.defaults("127.0.0.1", 0), services, metrics);
        server.start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    /** The block feed and evidence pool; with sessions also the session metrics, as the node wires them. */
    private List<FinalizationListener> listeners(Options options) {
        List<FinalizationListener> listeners = new ArrayList<>(List.of(feed, evidencePool));
        if (options.sessions()) {
            listeners.add(new SessionMetrics(metrics, ledger, ledger.headHeader().timestampMs(),
                    SESSION_MAX_LIFETIME_MS));
        }
        if (options.verification()) {
            listeners.add(new VerificationResultFeed(results, ledger));
            // The genesis stake state never changes here (no stake program), so its validators are the set.
            listeners.add(new BandTracker(band, new BandReporter(metrics, alert -> alerts.publish(List.of(alert))),
                    ledger, new java.util.TreeSet<>(verifiers.stream().map(KeyPair::publicKey).toList())));
        }
        return listeners;
    }

    private Genesis genesis(Options options) {
        List<Genesis.GenesisAccount> accounts = new ArrayList<>(List.of(
                new Genesis.GenesisAccount(faucetKey.publicKey(), FAUCET_LAMPORTS),
                new Genesis.GenesisAccount(alice.publicKey(), ALICE_LAMPORTS),
                new Genesis.GenesisAccount(programOwned.publicKey(), ALICE_LAMPORTS,
                        PublicKey.wrap(Hash.sha256(new byte[] {7}).bytes()), new byte[0], false)));
        if (options.verification()) {
            accounts.addAll(verifierAccounts());
        }
        return new Genesis("mira-test", GENESIS_TIME_MS, FEE, options.blockhashMaxAgeBlocks(),
                Genesis.ComputeLimits.DEFAULTS,
                Optional.of(new Genesis.GenesisFaucet(options.faucet(), faucetKey.publicKey())), accounts,
                List.of(new Genesis.GenesisValidator(validator.publicKey(), 1_000_000)));
    }

    /**
     * The verifiers' fee accounts and a stake state in which each is an active validator: what the
     * verification hook draws committees from. A genesis without parameters runs no stake program, so
     * the state stays as written (its self-bond lamports are not in an account; nothing here sums them).
     */
    private List<Genesis.GenesisAccount> verifierAccounts() {
        List<Genesis.GenesisAccount> accounts = new ArrayList<>();
        List<GenesisValidator> validators = new ArrayList<>();
        for (int i = 0; i < verifiers.size(); i++) {
            PublicKey identity = verifiers.get(i).publicKey();
            accounts.add(new Genesis.GenesisAccount(identity, ALICE_LAMPORTS));
            validators.add(new GenesisValidator(identity, identity, 0,
                    PublicKey.wrap(Hash.sha256(identity.bytes()).bytes()), VERIFIER_STAKE));
        }
        StakingState staking = StakingState.genesis(StakingParameters.defaults().with("epoch_blocks", "100000"),
                VERIFIER_STAKE * verifiers.size(), validators);
        accounts.add(new Genesis.GenesisAccount(StakeProgram.STATE_ACCOUNT, 0, StakeProgram.ID,
                StakingStateCodec.encode(staking), false));
        return accounts;
    }

    /** Advances the test clock past the heartbeat, so the engine produces (and finalizes) one block. */
    long produceBlock() {
        long before = ledger.finalizedHeight();
        clockMs += EMPTY_BLOCK_INTERVAL_MS;
        engine.onTick(clockMs);
        if (ledger.finalizedHeight() != before + 1) {
            throw new AssertionError("tick did not finalize a block at height " + (before + 1));
        }
        return ledger.finalizedHeight();
    }

    void produceBlocks(int count) {
        for (int i = 0; i < count; i++) {
            produceBlock();
        }
    }

    /** The test clock; the next {@link #produceBlock()} stamps its block one interval later. */
    long clockMs() {
        return clockMs;
    }

    void advanceClock(long ms) {
        clockMs += ms;
    }

    long lamports(KeyPair key) {
        return ledger.get(key.publicKey()).map(Account::lamports).orElse(0L);
    }

    Hash headHash() {
        return ledger.head().hash();
    }

    Transaction transfer(KeyPair from, PublicKey to, long lamports) {
        return sign(from, List.of(SystemProgram.transfer(from.publicKey(), to, lamports)), headHash());
    }

    static Transaction sign(KeyPair payer, List<Instruction> instructions, Hash blockhash) {
        return Transaction.sign(MessageCompiler.compileLegacy(payer.publicKey(), instructions, blockhash),
                List.of(payer));
    }

    private NodeStatusSnapshot status() {
        var head = ledger.head();
        return new NodeStatusSnapshot(parameters.chainId(), parameters.genesisHash(), head.height(), head.height(),
                head.height(), head.header().stateRoot(), head.hash(), head.header().timestampMs(),
                Optional.of(validator.publicKey()), 0, mempool.size(), "test", parameters.validators().size(), network.mira.settlement.staking.StakingParameters.defaults().epochOf(head.height()));
    }

    private static void closeQuietly(ConsensusWal wal) {
        try {
            wal.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.shutdownNow();
            channel.awaitTermination(5, TimeUnit.SECONDS);
            feed.close();
            results.close();
            alerts.close();
            server.close();
            delivery.shutdown();
            delivery.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(wal);
            executor.close();
            store.close();
        }
    }
}
