package network.mira.node.daemon;

import io.grpc.BindableService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import network.mira.config.Genesis;
import network.mira.config.GenesisJson;
import network.mira.config.NodeConfig;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.KeypairFile;
import network.mira.core.store.RocksKeyValueStore;
import network.mira.rpc.GrpcServer;
import network.mira.rpc.JvmMetrics;
import network.mira.rpc.MetricsHttpServer;
import network.mira.rpc.SessionMetrics;
import network.mira.rpc.StakingMetrics;
import network.mira.rpc.service.AccountGrpcService;
import network.mira.rpc.service.ChainGrpcService;
import network.mira.rpc.service.FaucetGrpcService;
import network.mira.rpc.service.LedgerStakingView;
import network.mira.rpc.service.NodeGrpcService;
import network.mira.rpc.service.SessionGrpcService;
import network.mira.rpc.service.StakingGrpcService;
import network.mira.rpc.service.StakingSnapshot;
import network.mira.rpc.service.TransactionGrpcService;
import network.mira.rpc.stream.BlockFeed;
import network.mira.rpc.stream.SlashingEventFeed;
import network.mira.rpc.stream.StakingStateFeed;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.consensus.LedgerChainView;
import network.mira.settlement.bft.Settings;
import network.mira.settlement.bft.wal.ConsensusWal;
import network.mira.settlement.consensus.BftEngine;
import network.mira.settlement.consensus.FinalizationListener;
import network.mira.settlement.evidence.EvidencePool;
import network.mira.node.cli.GenesisParameters;
import network.mira.node.network.NodeNetwork;
import network.mira.node.verify.VerificationUpkeep;
import network.mira.node.verify.attest.AttestationService;
import network.mira.node.verify.attest.AttestationStore;
import network.mira.node.verify.attest.Attestor;
import network.mira.node.verify.attest.AttestorMetrics;
import network.mira.node.verify.attest.MempoolSink;
import network.mira.node.verify.attest.OpenRequests;
import network.mira.verification.program.VerificationHook;
import network.mira.verification.program.VerificationParameters;
import network.mira.verification.program.VerificationProgramRuntime;
import network.mira.verification.verifier.Verifier;
import network.mira.verification.verifier.Verifiers;
import network.mira.settlement.evidence.EvidenceVerifier;
import network.mira.settlement.production.BlockReplayer;
import network.mira.settlement.faucet.Faucet;
import network.mira.settlement.genesis.GenesisInitializer;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.mempool.Mempool;
import network.mira.settlement.mempool.TransactionAdmission;
import network.mira.settlement.production.BlockBuilder;
import network.mira.settlement.signer.GuardedSigner;
import network.mira.settlement.bft.ValidatorSchedule;
import network.mira.settlement.ledger.LedgerValidatorSchedule;
import network.mira.settlement.staking.StakingParameters;
import network.mira.settlement.staking.program.StakeProgramRuntime;
import network.mira.svm.BlockHook;
import network.mira.svm.NativeProgram;
import network.mira.sessions.SessionParameters;
import network.mira.sessions.program.SessionProgramRuntime;
import network.mira.sessions.program.SessionPruner;
import network.mira.svm.ProgramRegistry;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.parallel.ParallelBlockExecutor;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running validator: wiring of storage, execution, settlement and the RPC faces, and their
 * lifecycle. Start opens things in dependency order; close undoes them in reverse, so RocksDB is
 * closed only after the consensus thread and every reader have stopped.
 */
public final class MiraNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MiraNode.class);
    private static final long CONSENSUS_TICK_MS = 25;
    private static final int BLOCK_STREAM_QUEUE = 256;
    private static final int MAX_BLOCK_STREAMS = 64;
    /** Slashing events are rare (at most a block's evidence and downtime slashes at a time). */
    private static final int SLASHING_STREAM_QUEUE = 1_024;
    private static final int MAX_SLASHING_STREAMS = 64;
    /** Votes further ahead than this many rounds are ignored, so a peer cannot make us buffer without bound. */
    private static final int ROUNDS_AHEAD_MAX = 64;
    private static final int FUTURE_MESSAGES_MAX = 10_000;
    static final String VERSION = Optional.ofNullable(MiraNode.class.getPackage().getImplementationVersion())
            .orElse("0.1.0-dev");

    private final NodeConfig config;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private volatile boolean ready;
    private Ledger ledger;
    private ConsensusLoop consensus;
    private GrpcServer grpc;
    private MetricsHttpServer http;
    private int p2pPort;

    public MiraNode(NodeConfig config) {
        this.config = config;
    }

    /** @throws StartupException with an operator-facing message; everything opened so far is closed again */
    public void start() {
        try {
            startComponents();
        } catch (RuntimeException | IOException e) {
            close();
            if (e instanceof StartupException startup) {
                throw startup;
            }
            throw new StartupException(e.getMessage(), e);
        }
    }

    private void startComponents() throws IOException {
        Genesis genesis = readGenesis(config.genesisPath());
        StakingParameters chainParameters;
        SessionParameters sessionParameters;
        VerificationParameters verificationParameters;
        try {
            chainParameters = GenesisParameters.check(genesis.parameters());
            sessionParameters = GenesisParameters.checkSessions(genesis.parameters());
            verificationParameters = GenesisParameters.checkVerification(genesis.parameters());
        } catch (IllegalArgumentException e) {
            throw new StartupException("genesis " + config.genesisPath() + ": " + e.getMessage());
        }
        KeyPair validatorKey = readKey(config.validatorKeyPath(), "validator key");
        Path dataDir = config.dataDir();
        Files.createDirectories(dataDir);

        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        resources.push(metrics::close);
        RocksKeyValueStore store = RocksKeyValueStore.open(dataDir.resolve("db"));
        resources.push(store);
        ledger = new Ledger(store);
        ChainParameters parameters = GenesisInitializer.openOrInitialize(ledger, genesis);
        LOG.info("chain {} genesis {} finalized height {} state root {}", parameters.chainId(),
                parameters.genesisHash(), ledger.finalizedHeight(), ledger.state().root());
        ValidatorSchedule schedule = LedgerValidatorSchedule.of(ledger, parameters);
        boolean validator = schedule.at(ledger.finalizedHeight() + 1).contains(validatorKey.publicKey());
        if (!validator) {
            LOG.info("key {} ({}) is not in the current validator set: following (syncing blocks, serving RPC) "
                    + "and voting only in an epoch whose set includes it", validatorKey.publicKey(),
                    config.validatorKeyPath());
        }
        parameters.staking().ifPresentOrElse(staking -> LOG.info("staking on: {}", staking.asMap()),
                () -> LOG.info("staking off: this genesis has no parameters, its validator set is fixed"));

        List<NativeProgram> runtimes = new ArrayList<>(List.of(new SystemProgramRuntime(),
                new ComputeBudgetProgramRuntime()));
        parameters.staking().ifPresent(staking -> runtimes.add(new StakeProgramRuntime(staking)));
        // Sessions and verification run on the chains created with parameters, as staking does: on an older
        // chain a hook's first write would change the state roots of blocks that were finalized without it.
        // The builder and the replayer share these hooks (the replayer runs the builder's block lifecycle).
        List<BlockHook> blockHooks = new ArrayList<>();
        boolean sessions = !genesis.parameters().isEmpty();
        if (sessions) {
            runtimes.add(new SessionProgramRuntime(parameters.chainId(), sessionParameters.maxLifetimeMs()));
            runtimes.add(new VerificationProgramRuntime(parameters.chainId(), verificationParameters));
            blockHooks.add(new SessionPruner());
            blockHooks.add(new VerificationHook(verificationParameters));
        }
        ProgramRegistry programs = new ProgramRegistry(runtimes);
        Mempool mempool = new Mempool(new TransactionAdmission(new LedgerChainView(ledger, parameters), programs,
                SystemProgram.ID), config.mempool().maxTransactions(), metrics);
        GuardedSigner signer = GuardedSigner.open(validatorKey, dataDir.resolve("consensus").resolve("last-sign.bin"));

        JvmMetrics jvmMetrics = JvmMetrics.bindTo(metrics);
        resources.push(jvmMetrics);
        ExecutorService feedDelivery = Executors.newFixedThreadPool(2, daemonThreads("block-feed"));
        resources.push(feedDelivery::shutdownNow);
        BlockFeed feed = new BlockFeed(ledger, BLOCK_STREAM_QUEUE, MAX_BLOCK_STREAMS, feedDelivery);
        LedgerStakingView stakingView = new LedgerStakingView(ledger);
        Optional<StakingSnapshot> stakingAtStart = stakingView.current();
        ExecutorService slashingDelivery = Executors.newSingleThreadExecutor(daemonThreads("slashing-feed"));
        resources.push(slashingDelivery::shutdownNow);
        SlashingEventFeed slashingFeed = new SlashingEventFeed(stakingAtStart.map(start -> start.state()
                .slashingEvents().size()).orElse(0), SLASHING_STREAM_QUEUE, MAX_SLASHING_STREAMS, slashingDelivery);
        ParallelBlockExecutor executor = new ParallelBlockExecutor(new TransactionExecutor(programs, SystemProgram.ID),
                config.execution().workerThreads());
        resources.push(executor);
        BlockReporter reporter = new BlockReporter(metrics, ledger.finalizedHeight());
        ConsensusWal wal = ConsensusWal.open(dataDir.resolve("consensus").resolve("wal"));
        resources.push(wal);
        // The p2p identity is its own key, so a validator key never has to sit on a network-facing host twice.
        KeyPair nodeKey = DevnetBootstrap.loadOrCreate(config.nodeKeyPath(), "p2p node");
        NodeNetwork network = new NodeNetwork(config, parameters, nodeKey, metrics);
        resources.push(network);
        EvidenceVerifier evidenceVerifier = EvidenceVerifier.forChain(parameters, schedule);
        EvidencePool evidencePool = new EvidencePool(evidenceVerifier, ledger, EvidencePool.DEFAULT_CAPACITY);
        List<FinalizationListener> listeners = new ArrayList<>(List.of(reporter, feed, evidencePool));
        // The verification program runs where the sessions do; the band and result feed only follow it there.
        boolean verificationRuns = !genesis.parameters().isEmpty();
        VerificationRpc verificationRpc = new VerificationRpc(config.verification().band(), metrics, ledger,
                stakingAtStart.map(start -> start.state().validators().keySet()).orElse(Set.of()));
        stakingAtStart.ifPresent(start -> listeners.add(stakingStateFeed(metrics, start, slashingFeed,
                verificationRuns ? List.of(verificationRpc.stakingConsumer()) : List.of())));
        if (sessions) {
            // Registered only where the program runs; the live count starts from the finalized state.
            listeners.add(new SessionMetrics(metrics, ledger, ledger.headHeader().timestampMs(),
                    sessionParameters.maxLifetimeMs()));
            listeners.add(attestationService(parameters.chainId(), validatorKey, verificationParameters, mempool,
                    metrics));
        }
        BooleanSupplier upkeepWaiting = () -> false;
        if (verificationRuns) {
            listeners.addAll(verificationRpc.listeners());
            VerificationUpkeep upkeep = new VerificationUpkeep(ledger, verificationParameters,
                    ledger.finalizedHeight());
            listeners.add(upkeep);
            upkeepWaiting = upkeep;
        }
        BlockBuilder builder = BlockBuilder.create(ledger, executor, parameters, config.block().maxTransactions(),
                evidencePool, blockHooks);
        BftEngine engine = new BftEngine(new BftEngine.Components(ledger, mempool, builder,
                new BlockReplayer(ledger, executor::executeVerified, builder, parameters, evidenceVerifier,
                        (transaction, bytes) -> mempool.holds(transaction.id(), bytes)), signer,
                parameters, roundTimeouts(config), new BftEngine.Pacing(config.consensus().blockIntervalMs(),
                        config.consensus().emptyBlockIntervalMs(), candidateWindow(config), upkeepWaiting),
                wal, listeners, List.of(reporter), network::onEvidenceReported,
                network.broadcaster(), metrics));

        Faucet faucet = new Faucet(faucetKey(genesis), ledger, mempool, config.faucet().maxLamportsPerRequest(),
                config.faucet().cooldownMs(), System::currentTimeMillis);
        NodeStatusReporter status = new NodeStatusReporter(ledger, parameters, mempool, validatorKey.publicKey(),
                schedule, VERSION, network::peerCount, chainParameters::epochOf);
        p2pPort = network.start(engine, ledger, mempool, evidencePool, schedule);

        List<BindableService> services = List.of(new NodeGrpcService(status),
                new TransactionGrpcService(ledger, mempool), new AccountGrpcService(ledger),
                new ChainGrpcService(ledger, parameters, feed), new FaucetGrpcService(faucet),
                new StakingGrpcService(stakingView, ledger::rewards, slashingFeed),
                new SessionGrpcService(ledger, sessions),
                verificationRpc.service(mempool, parameters.chainId(), verificationRuns));
        GrpcServer.Settings defaults = GrpcServer.Settings.defaults(config.rpc().host(), config.rpc().port());
        grpc = new GrpcServer(new GrpcServer.Settings(defaults.host(), defaults.port(),
                config.rpc().maxInboundMessageBytes(), defaults.threads(), defaults.queueLength(),
                defaults.maxCallsPerConnection(), defaults.shutdownGrace()), services, metrics);
        resources.push(grpc);
        // Streams end before the server stops, so shutdown does not wait out the grace period.
        resources.push(feed);
        resources.push(slashingFeed);
        resources.push(verificationRpc);
        grpc.start();

        http = new MetricsHttpServer(config.metrics().host(), config.metrics().port(), metrics, this::isReady);
        resources.push(http);
        http.start();

        consensus = new ConsensusLoop(engine, System::currentTimeMillis, CONSENSUS_TICK_MS, () -> ready = false);
        resources.push(consensus);
        consensus.start();
        ready = true;
        LOG.info("validator {} ready: gRPC {}:{}, metrics http://{}:{}/metrics, p2p {}:{}", validatorKey.publicKey(),
                config.rpc().host(), grpc.port(), config.metrics().host(), http.port(), config.p2p().host(), p2pPort);
    }

    /**
     * On a chain with staking: the stake state of each finalized block, decoded once, for the slashing
     * event streams and the mira_staking_* metrics (registered here, so only such a chain has them).
     */
    private static StakingStateFeed stakingStateFeed(PrometheusMeterRegistry metrics, StakingSnapshot start,
                                                     SlashingEventFeed slashingFeed,
                                                     List<Consumer<StakingSnapshot>> others) {
        StakingMetrics stakingMetrics = new StakingMetrics(metrics, start.state());
        List<Consumer<StakingSnapshot>> consumers = new ArrayList<>(List.of(slashingFeed::onState,
                stakingMetrics::onState));
        consumers.addAll(others);
        return new StakingStateFeed(consumers);
    }

    /**
     * The automatic commit–reveal of this validator's verification seats, on its own thread, with the
     * verifier the config chooses and the durable attestation record kept in the data dir.
     */
    private AttestationService attestationService(String chainId, KeyPair validatorKey,
                                                  VerificationParameters verificationParameters, Mempool mempool,
                                                  PrometheusMeterRegistry metrics) throws IOException {
        // A validator registered with a separate identity attests with that key, not its consensus key.
        Optional<Path> identityFile = config.verification().identityKeyFile();
        if (identityFile.isPresent() && !Files.exists(identityFile.get())) {
            throw new StartupException("no identity key at " + identityFile.get() + " (--identity-key names the "
                    + "keypair file of this validator's identity; leave it unset to attest with the validator key)");
        }
        KeyPair identity = identityFile.isPresent() ? KeypairFile.read(identityFile.get()) : validatorKey;
        Verifier verifier = Verifiers.fromConfig(config.verification(), metrics);
        AttestationStore store = AttestationStore.open(config.dataDir().resolve("verification").resolve("attestations"));
        AttestorMetrics attestorMetrics = new AttestorMetrics(metrics);
        MempoolSink sink = new MempoolSink(ledger, mempool);
        AttestationService service = new AttestationService(identity.publicKey(), ledger,
                new OpenRequests(ledger, ledger::finalizedHeight, verificationParameters),
                self -> new Attestor(chainId, identity, verifier, store, sink, attestorMetrics, self), verifier);
        resources.push(service);
        LOG.info("verification: identity {}, verifier {}, attestation store {}", identity.publicKey(), verifier.name(),
                config.dataDir().resolve("verification").resolve("attestations"));
        return service;
    }

    /** The round timeouts from config; the commit timeout is the block interval. */
    private static Settings roundTimeouts(NodeConfig config) {
        NodeConfig.Timeouts t = config.consensus().timeouts();
        return new Settings(t.proposeMs(), t.proposeDeltaMs(), t.prevoteMs(), t.prevoteDeltaMs(), t.precommitMs(),
                t.precommitDeltaMs(), config.consensus().blockIntervalMs(), ROUNDS_AHEAD_MAX, FUTURE_MESSAGES_MAX);
    }

    /** Packing chooses among more candidates than fit, so priority and the account limits have a choice. */
    private static int candidateWindow(NodeConfig config) {
        return Math.min(config.mempool().maxTransactions(), 4 * config.block().maxTransactions());
    }

    private Optional<KeyPair> faucetKey(Genesis genesis) throws IOException {
        Optional<network.mira.core.crypto.PublicKey> address = genesis.enabledFaucetAddress();
        Path file = config.dataDir().resolve(DevnetBootstrap.FAUCET_KEY_FILE);
        if (address.isEmpty() || !Files.exists(file)) {
            return Optional.empty();
        }
        KeyPair key = KeypairFile.read(file);
        if (!key.publicKey().equals(address.get())) {
            LOG.warn("faucet disabled: {} holds key {} but the genesis faucet is {}", file, key.publicKey(), address.get());
            return Optional.empty();
        }
        return Optional.of(key);
    }

    private static Genesis readGenesis(Path file) {
        if (!Files.exists(file)) {
            throw new StartupException("no genesis file at " + file
                    + " (start with --dev to create a devnet, or pass --genesis FILE)");
        }
        return GenesisJson.read(file);
    }

    private static KeyPair readKey(Path file, String what) throws IOException {
        if (!Files.exists(file)) {
            throw new StartupException("no " + what + " at " + file + " (start with --dev to create one, "
                    + "or pass --validator-key FILE)");
        }
        return KeypairFile.read(file);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public boolean isReady() {
        return ready && consensus != null && !consensus.isHalted();
    }

    public int rpcPort() {
        return grpc.port();
    }

    public int metricsPort() {
        return http.port();
    }

    public int p2pPort() {
        return p2pPort;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Stops in reverse order of start; safe to call more than once and after a failed start. */
    @Override
    public synchronized void close() {
        ready = false;
        boolean running = !resources.isEmpty();
        if (running) {
            LOG.info("stopping: finishing the block in flight, then closing RPC and storage");
        }
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", resource, e.toString());
            }
        }
        if (running) {
            LOG.info("stopped");
        }
    }
}
