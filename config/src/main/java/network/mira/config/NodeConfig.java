package network.mira.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything an operator can set on a node, already validated: a {@code NodeConfig} that exists is
 * usable, so the daemon never meets a bad port or interval halfway through start-up. The section
 * records mirror the YAML sections; their field paths are fixed because each section appears once.
 *
 * <p>{@code genesisFile}, {@code validatorKeyFile} and {@code p2p.nodeKeyFile} are empty unless set;
 * {@link #genesisPath()}, {@link #validatorKeyPath()} and {@link #nodeKeyPath()} give the file to use,
 * defaulting to a file inside the data dir.
 */
public record NodeConfig(
        Path dataDir,
        Optional<Path> genesisFile,
        Optional<Path> validatorKeyFile,
        Rpc rpc,
        Metrics metrics,
        P2p p2p,
        Consensus consensus,
        Mempool mempool,
        BlockLimits block,
        Execution execution,
        Faucet faucet,
        Log log,
        Verification verification) {

    public static final String DEFAULT_GENESIS_FILE_NAME = "genesis.json";
    public static final String DEFAULT_VALIDATOR_KEY_FILE_NAME = "validator-key.json";
    public static final String DEFAULT_NODE_KEY_FILE_NAME = "node-key.json";

    public NodeConfig {
        Checks.required("data-dir", dataDir);
        if (dataDir.toString().isEmpty()) {
            throw new ConfigException("data-dir", "must not be empty");
        }
        Checks.required("genesis-file", genesisFile);
        Checks.required("validator-key-file", validatorKeyFile);
        Checks.required("rpc", rpc);
        Checks.required("metrics", metrics);
        Checks.required("p2p", p2p);
        Checks.required("consensus", consensus);
        Checks.required("mempool", mempool);
        Checks.required("block", block);
        Checks.required("execution", execution);
        Checks.required("faucet", faucet);
        Checks.required("log", log);
        Checks.required("verification", verification);
        // Two listeners on one port would fail at bind time with a less helpful message.
        distinctPorts("metrics.port", metrics.port(), "rpc.port", rpc.port());
        distinctPorts("p2p.port", p2p.port(), "rpc.port", rpc.port());
        distinctPorts("p2p.port", p2p.port(), "metrics.port", metrics.port());
        // One key for both roles would put the vote-signing key on every connection handshake.
        Path nodeKey = nodeKeyPath(dataDir, p2p);
        if (nodeKey.normalize().equals(validatorKeyPath(dataDir, validatorKeyFile).normalize())) {
            throw new ConfigException("p2p.node-key-file", "must differ from validator-key-file, both are "
                    + nodeKey + ": the p2p identity and the validator key are separate keys");
        }
    }

    /** The devnet defaults: everything on loopback, data under {@code ./.mira/devnet}. */
    public static NodeConfig defaults() {
        return new NodeConfig(
                Path.of("./.mira/devnet"),
                Optional.empty(),
                Optional.empty(),
                new Rpc("127.0.0.1", 50051, 4 * 1024 * 1024),
                new Metrics("127.0.0.1", 9464),
                new P2p("127.0.0.1", 7700),
                new Consensus(400, 2000),
                new Mempool(50_000),
                new BlockLimits(10_000),
                new Execution(0),
                new Faucet(10_000_000_000L, 1_000),
                new Log(LogFormat.TEXT, LogLevel.INFO),
                Verification.DEFAULTS);
    }

    /** A config with the default {@link Verification} settings, for callers that set only the other sections. */
    public NodeConfig(Path dataDir, Optional<Path> genesisFile, Optional<Path> validatorKeyFile, Rpc rpc,
                      Metrics metrics, P2p p2p, Consensus consensus, Mempool mempool, BlockLimits block,
                      Execution execution, Faucet faucet, Log log) {
        this(dataDir, genesisFile, validatorKeyFile, rpc, metrics, p2p, consensus, mempool, block, execution, faucet,
                log, Verification.DEFAULTS);
    }

    /** The genesis file to read: the configured one, else {@code <data-dir>/genesis.json}. */
    public Path genesisPath() {
        return genesisFile.orElseGet(() -> dataDir.resolve(DEFAULT_GENESIS_FILE_NAME));
    }

    /** The validator keypair file: the configured one, else {@code <data-dir>/validator-key.json}. */
    public Path validatorKeyPath() {
        return validatorKeyPath(dataDir, validatorKeyFile);
    }

    /** The p2p identity keypair file: the configured one, else {@code <data-dir>/node-key.json}. */
    public Path nodeKeyPath() {
        return nodeKeyPath(dataDir, p2p);
    }

    private static Path nodeKeyPath(Path dataDir, P2p p2p) {
        return p2p.nodeKeyFile().orElseGet(() -> dataDir.resolve(DEFAULT_NODE_KEY_FILE_NAME));
    }

    private static Path validatorKeyPath(Path dataDir, Optional<Path> validatorKeyFile) {
        return validatorKeyFile.orElseGet(() -> dataDir.resolve(DEFAULT_VALIDATOR_KEY_FILE_NAME));
    }

    private static void distinctPorts(String field, int port, String otherField, int otherPort) {
        if (port != 0 && port == otherPort) {
            throw new ConfigException(field, "must differ from " + otherField + ", both are " + port);
        }
    }

    /** The gRPC endpoint. */
    public record Rpc(String host, int port, int maxInboundMessageBytes) {
        public Rpc {
            Checks.host("rpc.host", host);
            Checks.port("rpc.port", port);
            Checks.positive("rpc.max-inbound-message-bytes", maxInboundMessageBytes);
        }
    }

    /** The HTTP endpoint for {@code /metrics} and {@code /health}. */
    public record Metrics(String host, int port) {
        public Metrics {
            Checks.host("metrics.host", host);
            Checks.port("metrics.port", port);
        }
    }

    /**
     * Peer-to-peer networking: where this node listens, its p2p identity (an Ed25519 key separate
     * from the validator key, so the key that signs votes never authenticates connections), whom it
     * dials and how many connections it keeps. {@code persistentPeers} are dialed always and redialed
     * when lost; {@code seeds} are dialed for peer exchange. {@code nodeKeyFile} is empty unless set;
     * {@link NodeConfig#nodeKeyPath()} gives the file to use.
     */
    public record P2p(String host, int port, Optional<Path> nodeKeyFile, List<PeerAddress> persistentPeers,
                      List<PeerAddress> seeds, int maxInboundPeers, int maxOutboundPeers) {
        public static final int DEFAULT_MAX_INBOUND_PEERS = 40;
        public static final int DEFAULT_MAX_OUTBOUND_PEERS = 10;
        /** Upper bound of both connection limits; each connection holds buffers and a rate limiter. */
        public static final int MAX_PEERS = 1_000;

        public P2p {
            Checks.host("p2p.host", host);
            Checks.port("p2p.port", port);
            Checks.required("p2p.node-key-file", nodeKeyFile);
            PeerAddress.checkDistinct("p2p.persistent-peers", Checks.required("p2p.persistent-peers", persistentPeers));
            PeerAddress.checkDistinct("p2p.seeds", Checks.required("p2p.seeds", seeds));
            persistentPeers = List.copyOf(persistentPeers);
            seeds = List.copyOf(seeds);
            Checks.between("p2p.max-inbound-peers", maxInboundPeers, 0, MAX_PEERS);
            Checks.between("p2p.max-outbound-peers", maxOutboundPeers, 0, MAX_PEERS);
        }

        /** Listen only: no configured peers, default limits, the node key in the data dir. */
        public P2p(String host, int port) {
            this(host, port, Optional.empty(), List.of(), List.of(), DEFAULT_MAX_INBOUND_PEERS,
                    DEFAULT_MAX_OUTBOUND_PEERS);
        }
    }

    /**
     * Block pace and the BFT round timeouts. Each round timeout grows by its delta per round
     * ({@code base + round * delta}), so after a bad stretch some round is long enough for honest
     * validators to hear each other. The commit timeout is the block interval.
     */
    public record Consensus(long blockIntervalMs, long emptyBlockIntervalMs, Timeouts timeouts) {
        public Consensus {
            Checks.positive("consensus.block-interval-ms", blockIntervalMs);
            Checks.positive("consensus.empty-block-interval-ms", emptyBlockIntervalMs);
            if (emptyBlockIntervalMs < blockIntervalMs) {
                throw new ConfigException("consensus.empty-block-interval-ms", "must be at least "
                        + "consensus.block-interval-ms (" + blockIntervalMs + "), got " + emptyBlockIntervalMs);
            }
            java.util.Objects.requireNonNull(timeouts, "timeouts");
        }

        public Consensus(long blockIntervalMs, long emptyBlockIntervalMs) {
            this(blockIntervalMs, emptyBlockIntervalMs, Timeouts.DEFAULTS);
        }
    }

    /** CometBFT's defaults, scaled: propose 3 s, prevote and precommit 1 s, each +0.5 s per round. */
    public record Timeouts(long proposeMs, long proposeDeltaMs, long prevoteMs, long prevoteDeltaMs,
                           long precommitMs, long precommitDeltaMs) {
        public static final Timeouts DEFAULTS = new Timeouts(3000, 500, 1000, 500, 1000, 500);

        public Timeouts {
            Checks.positive("consensus.timeout-propose-ms", proposeMs);
            Checks.positive("consensus.timeout-prevote-ms", prevoteMs);
            Checks.positive("consensus.timeout-precommit-ms", precommitMs);
            Checks.nonNegative("consensus.timeout-propose-delta-ms", proposeDeltaMs);
            Checks.nonNegative("consensus.timeout-prevote-delta-ms", prevoteDeltaMs);
            Checks.nonNegative("consensus.timeout-precommit-delta-ms", precommitDeltaMs);
        }
    }

    /** Admission bound: beyond it new transactions are refused rather than memory growing. */
    public record Mempool(int maxTransactions) {
        public Mempool {
            Checks.positive("mempool.max-transactions", maxTransactions);
        }
    }

    /** How much one block may carry. */
    public record BlockLimits(int maxTransactions) {
        public BlockLimits {
            Checks.positive("block.max-transactions", maxTransactions);
        }
    }

    /**
     * Transaction execution. {@code workers == 0} means one worker per available processor; use
     * {@link #workerThreads()} for the number to start.
     */
    public record Execution(int workers) {
        public static final int MAX_WORKERS = 256;

        public Execution {
            Checks.between("execution.workers", workers, 0, MAX_WORKERS);
        }

        /** The configured count, or the available processors (at most {@link #MAX_WORKERS}) when it is 0. */
        public int workerThreads() {
            return workers != 0 ? workers : Math.min(Runtime.getRuntime().availableProcessors(), MAX_WORKERS);
        }
    }

    /** The devnet faucet's limits; {@code cooldownMs == 0} turns the per-address rate limit off. */
    public record Faucet(long maxLamportsPerRequest, long cooldownMs) {
        public Faucet {
            Checks.positive("faucet.max-lamports-per-request", maxLamportsPerRequest);
            Checks.nonNegative("faucet.cooldown-ms", cooldownMs);
        }
    }

    public record Log(LogFormat format, LogLevel level) {
        public Log {
            Checks.required("log.format", format);
            Checks.required("log.level", level);
        }
    }

    /** {@code text} for people, {@code json} (one object per line) for log shippers. */
    public enum LogFormat {
        TEXT, JSON;

        /** The spelling used in YAML, env and flags. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static String allowed() {
            return Arrays.stream(values()).map(LogFormat::configName).collect(Collectors.joining(", "));
        }
    }

    public enum LogLevel {
        TRACE, DEBUG, INFO, WARN, ERROR;

        static String allowed() {
            return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
        }
    }

    /**
     * Which verifier judges the claims this validator is assigned (docs/verification.md, "Verifiers").
     * {@code knowledgeFile} is empty for the built-in sample; {@code openai} is read only when
     * {@code verifier} is {@link VerifierKind#OPENAI_COMPATIBLE}, which requires its url and model.
     * {@code identityKeyFile} is the key the node attests with: empty for the validator key, which is
     * the identity of every genesis validator; a validator registered with a separate identity names it.
     */
    public record Verification(VerifierKind verifier, Optional<Path> knowledgeFile, OpenAiEndpoint openai,
                               Band band, Optional<Path> identityKeyFile) {
        public static final Verification DEFAULTS =
                new Verification(VerifierKind.KNOWLEDGE_BASE, Optional.empty(), OpenAiEndpoint.DEFAULTS, Band.DEFAULTS);

        /** The verifier alone, with the default confidence band. */
        public Verification(VerifierKind verifier, Optional<Path> knowledgeFile, OpenAiEndpoint openai) {
            this(verifier, knowledgeFile, openai, Band.DEFAULTS);
        }

        /** Attesting with the validator key. */
        public Verification(VerifierKind verifier, Optional<Path> knowledgeFile, OpenAiEndpoint openai, Band band) {
            this(verifier, knowledgeFile, openai, band, Optional.empty());
        }

        public Verification {
            Checks.required("verification.verifier", verifier);
            Checks.required("verification.knowledge-file", knowledgeFile);
            Checks.required("verification.openai", openai);
            Checks.required("verification.band", band);
            Checks.required("verification.identity-key-file", identityKeyFile);
            if (verifier == VerifierKind.OPENAI_COMPATIBLE) {
                String why = "is required when verification.verifier is " + verifier.configName();
                if (openai.url().isEmpty()) {
                    throw new ConfigException("verification.openai.url", why);
                }
                if (openai.model().isEmpty()) {
                    throw new ConfigException("verification.openai.model", why);
                }
            }
        }
    }

    /**
     * The confidence band this node keeps of every validator's agreement rate (docs/verification.md,
     * "Confidence band"): the last {@code window} observations, judged once there are
     * {@code minObservations}, against the long-run rate ± {@code widthPpm}. Node-local, not consensus.
     */
    public record Band(int window, int minObservations, int widthPpm) {
        public static final int MAX_WINDOW = 100_000;
        public static final int PPM = 1_000_000;
        public static final Band DEFAULTS = new Band(50, 20, 150_000);

        public Band {
            Checks.between("verification.band-window", window, 1, MAX_WINDOW);
            Checks.between("verification.band-min-observations", minObservations, 1, window);
            Checks.between("verification.band-width-ppm", widthPpm, 0, PPM);
        }
    }

    /** The verifier plugins an operator can choose; {@code none} abstains on every claim. */
    public enum VerifierKind {
        KNOWLEDGE_BASE, OPENAI_COMPATIBLE, NONE;

        /** The spelling used in YAML, env and flags, e.g. {@code knowledge-base}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static String allowed() {
            return Arrays.stream(values()).map(VerifierKind::configName).collect(Collectors.joining(", "));
        }
    }

    /**
     * An OpenAI-compatible {@code /v1/chat/completions} endpoint and how the verifier treats it as the
     * fault line it is: a timeout per request, bounded concurrency and waiting queue, retries, and a
     * circuit breaker. {@code url} is the full endpoint URL (hosted providers do not all serve it under
     * {@code /v1}); it carries no credentials, because URLs end up in logs. {@code apiKeyEnv} names the
     * environment variable that holds the key, so the key itself is never in a config file.
     */
    public record OpenAiEndpoint(Optional<URI> url, Optional<String> model, Optional<String> apiKeyEnv, long timeoutMs,
                                 int maxConcurrency, int maxQueued, int retries, int circuitFailures,
                                 long circuitCooldownMs) {
        public static final long MAX_TIMEOUT_MS = 600_000;
        public static final int MAX_CONCURRENCY = 1_024;
        public static final int MAX_QUEUED = 100_000;
        public static final int MAX_RETRIES = 10;
        public static final int MAX_CIRCUIT_FAILURES = 1_000;
        public static final long MAX_CIRCUIT_COOLDOWN_MS = 3_600_000;
        public static final int MAX_MODEL_CHARS = 256;
        public static final OpenAiEndpoint DEFAULTS = new OpenAiEndpoint(Optional.empty(), Optional.empty(),
                Optional.empty(), 10_000, 4, 1_000, 2, 5, 30_000);

        private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

        public OpenAiEndpoint {
            Checks.required("verification.openai.url", url).ifPresent(OpenAiEndpoint::checkUrl);
            Checks.required("verification.openai.model", model).ifPresent(OpenAiEndpoint::checkModel);
            Checks.required("verification.openai.api-key-env", apiKeyEnv).ifPresent(OpenAiEndpoint::checkEnvName);
            Checks.between("verification.openai.timeout-ms", timeoutMs, 1, MAX_TIMEOUT_MS);
            Checks.between("verification.openai.max-concurrency", maxConcurrency, 1, MAX_CONCURRENCY);
            Checks.between("verification.openai.max-queued", maxQueued, 0, MAX_QUEUED);
            Checks.between("verification.openai.retries", retries, 0, MAX_RETRIES);
            Checks.between("verification.openai.circuit-failures", circuitFailures, 1, MAX_CIRCUIT_FAILURES);
            Checks.between("verification.openai.circuit-cooldown-ms", circuitCooldownMs, 1, MAX_CIRCUIT_COOLDOWN_MS);
        }

        private static void checkUrl(URI url) {
            String field = "verification.openai.url";
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new ConfigException(field, "must be an http or https URL, got '" + url + "'");
            }
            if (url.getHost() == null || url.getHost().isEmpty()) {
                throw new ConfigException(field, "must name a host, got '" + url + "'");
            }
            if (url.getRawUserInfo() != null) {
                throw new ConfigException(field, "must not carry credentials (user:password@); "
                        + "put the API key in the variable named by verification.openai.api-key-env");
            }
            if (url.getRawFragment() != null) {
                throw new ConfigException(field, "must not have a fragment (#...), got '" + url + "'");
            }
        }

        private static void checkModel(String model) {
            if (model.isBlank()) {
                throw new ConfigException("verification.openai.model", "must not be blank");
            }
            if (model.length() > MAX_MODEL_CHARS) {
                throw new ConfigException("verification.openai.model",
                        "must be at most " + MAX_MODEL_CHARS + " characters, got " + model.length());
            }
        }

        private static void checkEnvName(String name) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new ConfigException("verification.openai.api-key-env", "must be an environment variable "
                        + "name (letters, digits and '_', not starting with a digit), got '" + name + "'");
            }
        }
    }
}
