package network.mira.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The table of node settings, in documentation order, and the one place that turns a complete set
 * of typed values back into a {@link NodeConfig}. Defaults are read from {@link NodeConfig#defaults()}
 * so they are written down once.
 */
final class ConfigKeys {
    private static final NodeConfig DEFAULTS = NodeConfig.defaults();
    static final List<ConfigKey> ALL;
    private static final Map<String, ConfigKey> BY_NAME = new LinkedHashMap<>();

    static {
        List<ConfigKey> keys = new ArrayList<>();
        keys.add(key("data-dir", ValueType.PATH, NodeConfig::dataDir,
                "Directory for the ledger, the consensus WAL, keys and the default genesis; created on first start."));
        keys.add(key("genesis-file", "--genesis", "<data-dir>/" + NodeConfig.DEFAULT_GENESIS_FILE_NAME,
                ValueType.OPTIONAL_PATH, NodeConfig::genesisFile,
                "Genesis JSON that defines the chain. A relative path is taken from the working directory."));
        keys.add(key("validator-key-file", "--validator-key", "<data-dir>/" + NodeConfig.DEFAULT_VALIDATOR_KEY_FILE_NAME,
                ValueType.OPTIONAL_PATH, NodeConfig::validatorKeyFile,
                "This validator's Ed25519 keypair (Solana CLI JSON format). A relative path is taken from the working directory."));
        keys.add(key("rpc.host", ValueType.STRING, c -> c.rpc().host(),
                "Interface the gRPC server binds to; 0.0.0.0 listens on every interface."));
        keys.add(key("rpc.port", ValueType.INT, c -> c.rpc().port(),
                "gRPC port; 0 picks any free port."));
        keys.add(key("rpc.max-inbound-message-bytes", ValueType.INT, c -> c.rpc().maxInboundMessageBytes(),
                "Largest gRPC request accepted, in bytes; larger ones are refused before decoding."));
        keys.add(key("metrics.host", ValueType.STRING, c -> c.metrics().host(),
                "Interface of the HTTP endpoint serving /metrics and /health."));
        keys.add(key("metrics.port", ValueType.INT, c -> c.metrics().port(),
                "Port of the /metrics and /health endpoint; 0 picks any free port."));
        keys.add(key("p2p.host", ValueType.STRING, c -> c.p2p().host(),
                "Interface that peers connect to for gossip and block sync."));
        keys.add(key("p2p.port", ValueType.INT, c -> c.p2p().port(),
                "Peer-to-peer port; 0 picks any free port."));
        keys.add(key("p2p.node-key-file", "--node-key", "<data-dir>/" + NodeConfig.DEFAULT_NODE_KEY_FILE_NAME,
                ValueType.OPTIONAL_PATH, c -> c.p2p().nodeKeyFile(),
                "This node's p2p identity: an Ed25519 keypair (Solana CLI JSON format) separate from the validator "
                        + "key; its base58 public key is the node id that peers name. A relative path is taken from "
                        + "the working directory."));
        keys.add(key("p2p.persistent-peers", ConfigKey.flagFor("p2p.persistent-peers"), "(none)",
                ValueType.PEER_LIST, c -> c.p2p().persistentPeers(),
                "Peers always kept connected and redialed when lost: comma-separated NODE_ID@HOST:PORT "
                        + "(NODE_ID = the peer's base58 node id; IPv6 hosts in brackets); in YAML also a list."));
        keys.add(key("p2p.seeds", ConfigKey.flagFor("p2p.seeds"), "(none)", ValueType.PEER_LIST,
                c -> c.p2p().seeds(),
                "Nodes dialed to learn further peers (peer exchange), same format as p2p.persistent-peers."));
        keys.add(key("p2p.max-inbound-peers", ValueType.INT, c -> c.p2p().maxInboundPeers(),
                "Most connections accepted from peers that dialed this node, persistent peers not counted; 0 to "
                        + NodeConfig.P2p.MAX_PEERS + "."));
        keys.add(key("p2p.max-outbound-peers", ValueType.INT, c -> c.p2p().maxOutboundPeers(),
                "Most connections this node dials besides its persistent peers; 0 to " + NodeConfig.P2p.MAX_PEERS
                        + "."));
        keys.add(key("consensus.block-interval-ms", ValueType.LONG, c -> c.consensus().blockIntervalMs(),
                "Target time between blocks while transactions are waiting, in milliseconds."));
        keys.add(key("consensus.empty-block-interval-ms", ValueType.LONG, c -> c.consensus().emptyBlockIntervalMs(),
                "Heartbeat: with nothing to include and no verification request open, empty blocks are produced at this "
                        + "slower pace, in milliseconds; "
                        + "at least consensus.block-interval-ms."));
        keys.add(key("consensus.timeout-propose-ms", ValueType.LONG, c -> c.consensus().timeouts().proposeMs(),
                "How long a validator waits for the round's proposal before prevoting nil, in milliseconds."));
        keys.add(key("consensus.timeout-propose-delta-ms", ValueType.LONG,
                c -> c.consensus().timeouts().proposeDeltaMs(), "Added to the propose timeout for each further round."));
        keys.add(key("consensus.timeout-prevote-ms", ValueType.LONG, c -> c.consensus().timeouts().prevoteMs(),
                "After prevotes from > 2/3 of the stake but no quorum for one value: wait this long for more, "
                        + "then precommit nil."));
        keys.add(key("consensus.timeout-prevote-delta-ms", ValueType.LONG,
                c -> c.consensus().timeouts().prevoteDeltaMs(), "Added to the prevote timeout for each further round."));
        keys.add(key("consensus.timeout-precommit-ms", ValueType.LONG, c -> c.consensus().timeouts().precommitMs(),
                "After precommits from > 2/3 of the stake but no decision: wait this long, then start the next round."));
        keys.add(key("consensus.timeout-precommit-delta-ms", ValueType.LONG,
                c -> c.consensus().timeouts().precommitDeltaMs(),
                "Added to the precommit timeout for each further round."));
        keys.add(key("mempool.max-transactions", ValueType.INT, c -> c.mempool().maxTransactions(),
                "Pending transactions held; when full, new ones are refused."));
        keys.add(key("block.max-transactions", ValueType.INT, c -> c.block().maxTransactions(),
                "Most transactions one block carries (with the 400 ms pace: 25,000/s; the compute limits usually "
                        + "bind first)."));
        keys.add(key("execution.workers", ValueType.INT, c -> c.execution().workers(),
                "Threads that execute non-conflicting transactions in parallel; 0 means one per available processor. "
                        + "At most " + NodeConfig.Execution.MAX_WORKERS + "."));
        keys.add(key("faucet.max-lamports-per-request", ValueType.LONG, c -> c.faucet().maxLamportsPerRequest(),
                "Largest airdrop one faucet request may ask for, in lamports (10^9 lamports = 1 MIRA)."));
        keys.add(key("faucet.cooldown-ms", ValueType.LONG, c -> c.faucet().cooldownMs(),
                "Minimum time between two faucet requests for the same address, in milliseconds; 0 turns the limit off."));
        addVerificationKeys(keys);
        keys.add(key("log.format", ValueType.LOG_FORMAT, c -> c.log().format(),
                "Log output: text (for people) or json (one object per line, for log shippers)."));
        keys.add(key("log.level", ValueType.LOG_LEVEL, c -> c.log().level(),
                "Lowest level logged, one of " + NodeConfig.LogLevel.allowed() + "."));
        ALL = List.copyOf(keys);
        for (ConfigKey key : ALL) {
            BY_NAME.put(key.name(), key);
        }
    }

    private ConfigKeys() {}

    private static void addVerificationKeys(List<ConfigKey> keys) {
        keys.add(key("verification.verifier", ValueType.VERIFIER, c -> c.verification().verifier(),
                "Judges the claims this validator is assigned: knowledge-base (deterministic, from "
                        + "verification.knowledge-file), openai-compatible (a model endpoint, verification.openai.*) "
                        + "or none (abstains on every claim)."));
        keys.add(key("verification.identity-key-file", "--identity-key", "(the validator key)",
                ValueType.OPTIONAL_PATH, c -> c.verification().identityKeyFile(),
                "Keypair file of the validator identity the node attests with (signs commit and reveal "
                        + "transactions and pays their fees). Unset: the validator key, which is the identity of "
                        + "every genesis validator; set it for a validator registered with a separate identity."));
        keys.add(key("verification.knowledge-file", "--verifier-knowledge", "(built-in sample)",
                ValueType.OPTIONAL_PATH, c -> c.verification().knowledgeFile(),
                "The knowledge-base verifier's file: UTF-8, one TRUE<TAB>claim or FALSE<TAB>claim per line, "
                        + "# starts a comment line. A relative path is taken from the working directory."));
        keys.add(key("verification.openai.url", ConfigKey.flagFor("verification.openai.url"), "(none)",
                ValueType.OPTIONAL_URL, c -> c.verification().openai().url(),
                "The openai-compatible verifier's full chat completions URL, http or https, e.g. "
                        + "http://127.0.0.1:8000/v1/chat/completions; required with that verifier."));
        keys.add(key("verification.openai.model", ConfigKey.flagFor("verification.openai.model"), "(none)",
                ValueType.OPTIONAL_STRING, c -> c.verification().openai().model(),
                "Model name sent with every request; required with the openai-compatible verifier."));
        keys.add(key("verification.openai.api-key-env", ConfigKey.flagFor("verification.openai.api-key-env"),
                "(none)", ValueType.OPTIONAL_STRING, c -> c.verification().openai().apiKeyEnv(),
                "Name of the environment variable holding the endpoint's API key (sent as a bearer token, never "
                        + "logged); unset: no Authorization header."));
        keys.add(key("verification.openai.timeout-ms", ValueType.LONG, c -> c.verification().openai().timeoutMs(),
                "Time allowed for one request, from sending it to the whole answer, in milliseconds; 1 to "
                        + NodeConfig.OpenAiEndpoint.MAX_TIMEOUT_MS + "."));
        keys.add(key("verification.openai.max-concurrency", ValueType.INT,
                c -> c.verification().openai().maxConcurrency(),
                "Most claims being judged by the endpoint at once; 1 to " + NodeConfig.OpenAiEndpoint.MAX_CONCURRENCY
                        + "."));
        keys.add(key("verification.openai.max-queued", ValueType.INT, c -> c.verification().openai().maxQueued(),
                "Claims waiting for a free slot; beyond it a claim is abstained on at once (OVERLOADED). 0 to "
                        + NodeConfig.OpenAiEndpoint.MAX_QUEUED + "."));
        keys.add(key("verification.openai.retries", ValueType.INT, c -> c.verification().openai().retries(),
                "Further attempts after a timeout, a 5xx answer or a connection error, with exponential backoff; "
                        + "4xx answers are not retried. 0 to " + NodeConfig.OpenAiEndpoint.MAX_RETRIES + "."));
        keys.add(key("verification.openai.circuit-failures", ValueType.INT,
                c -> c.verification().openai().circuitFailures(),
                "Consecutive failed judgements (after retries) that open the circuit breaker; while open, claims "
                        + "are abstained on without a request. 1 to " + NodeConfig.OpenAiEndpoint.MAX_CIRCUIT_FAILURES
                        + "."));
        keys.add(key("verification.openai.circuit-cooldown-ms", ValueType.LONG,
                c -> c.verification().openai().circuitCooldownMs(),
                "How long the open circuit waits before letting one trial request through; its success closes the "
                        + "circuit. 1 to " + NodeConfig.OpenAiEndpoint.MAX_CIRCUIT_COOLDOWN_MS + " ms."));
        keys.add(key("verification.band-window", ValueType.INT, c -> c.verification().band().window(),
                "Confidence band: the recent agreement rate of each validator is over its last this many resolved "
                        + "claims (node-local, reset on restart). 1 to " + NodeConfig.Band.MAX_WINDOW + "."));
        keys.add(key("verification.band-min-observations", ValueType.INT,
                c -> c.verification().band().minObservations(),
                "Confidence band: observations a validator needs before its rate is judged; 1 to "
                        + "verification.band-window."));
        keys.add(key("verification.band-width-ppm", ValueType.INT, c -> c.verification().band().widthPpm(),
                "Confidence band: its half-width around the validator's long-run (on-chain) agreement rate, in "
                        + "parts per million; 0 to " + NodeConfig.Band.PPM + "."));
    }

    static Optional<ConfigKey> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every key with its default value, typed; the starting point that sources overwrite. */
    static Map<ConfigKey, Object> defaultValues() {
        Map<ConfigKey, Object> values = new LinkedHashMap<>();
        for (ConfigKey key : ALL) {
            values.put(key, key.valueIn(DEFAULTS));
        }
        return values;
    }

    /** @throws ConfigException naming the first field that is out of range */
    static NodeConfig build(Map<ConfigKey, Object> values) {
        Values v = new Values(values);
        return new NodeConfig(
                v.get("data-dir", Path.class),
                v.optionalPath("genesis-file"),
                v.optionalPath("validator-key-file"),
                new NodeConfig.Rpc(v.get("rpc.host", String.class), v.get("rpc.port", Integer.class),
                        v.get("rpc.max-inbound-message-bytes", Integer.class)),
                new NodeConfig.Metrics(v.get("metrics.host", String.class), v.get("metrics.port", Integer.class)),
                new NodeConfig.P2p(v.get("p2p.host", String.class), v.get("p2p.port", Integer.class),
                        v.optionalPath("p2p.node-key-file"), v.peers("p2p.persistent-peers"), v.peers("p2p.seeds"),
                        v.get("p2p.max-inbound-peers", Integer.class), v.get("p2p.max-outbound-peers", Integer.class)),
                new NodeConfig.Consensus(v.get("consensus.block-interval-ms", Long.class),
                        v.get("consensus.empty-block-interval-ms", Long.class),
                        new NodeConfig.Timeouts(v.get("consensus.timeout-propose-ms", Long.class),
                                v.get("consensus.timeout-propose-delta-ms", Long.class),
                                v.get("consensus.timeout-prevote-ms", Long.class),
                                v.get("consensus.timeout-prevote-delta-ms", Long.class),
                                v.get("consensus.timeout-precommit-ms", Long.class),
                                v.get("consensus.timeout-precommit-delta-ms", Long.class))),
                new NodeConfig.Mempool(v.get("mempool.max-transactions", Integer.class)),
                new NodeConfig.BlockLimits(v.get("block.max-transactions", Integer.class)),
                new NodeConfig.Execution(v.get("execution.workers", Integer.class)),
                new NodeConfig.Faucet(v.get("faucet.max-lamports-per-request", Long.class),
                        v.get("faucet.cooldown-ms", Long.class)),
                new NodeConfig.Log(v.get("log.format", NodeConfig.LogFormat.class),
                        v.get("log.level", NodeConfig.LogLevel.class)),
                verification(v));
    }

    private static NodeConfig.Verification verification(Values v) {
        return new NodeConfig.Verification(v.get("verification.verifier", NodeConfig.VerifierKind.class),
                v.optionalPath("verification.knowledge-file"),
                new NodeConfig.OpenAiEndpoint(v.optional("verification.openai.url", URI.class),
                        v.optional("verification.openai.model", String.class),
                        v.optional("verification.openai.api-key-env", String.class),
                        v.get("verification.openai.timeout-ms", Long.class),
                        v.get("verification.openai.max-concurrency", Integer.class),
                        v.get("verification.openai.max-queued", Integer.class),
                        v.get("verification.openai.retries", Integer.class),
                        v.get("verification.openai.circuit-failures", Integer.class),
                        v.get("verification.openai.circuit-cooldown-ms", Long.class)),
                new NodeConfig.Band(v.get("verification.band-window", Integer.class),
                        v.get("verification.band-min-observations", Integer.class),
                        v.get("verification.band-width-ppm", Integer.class)),
                v.optionalPath("verification.identity-key-file"));
    }

    private static ConfigKey key(String name, ValueType type, Function<NodeConfig, Object> getter, String description) {
        return key(name, ConfigKey.flagFor(name), type.format(getter.apply(DEFAULTS)), type, getter, description);
    }

    private static ConfigKey key(String name, String flag, String defaultText, ValueType type,
                                 Function<NodeConfig, Object> getter, String description) {
        return new ConfigKey(name, flag, defaultText, description, type, getter);
    }

    /** Typed reads by key name; a misspelt name here is a bug, so it fails loudly. */
    private record Values(Map<ConfigKey, Object> values) {
        <T> T get(String name, Class<T> type) {
            ConfigKey key = BY_NAME.get(name);
            if (key == null) {
                throw new IllegalStateException("no config key " + name);
            }
            return type.cast(values.get(key));
        }

        Optional<Path> optionalPath(String name) {
            return optional(name, Path.class);
        }

        <T> Optional<T> optional(String name, Class<T> type) {
            Optional<?> value = get(name, Optional.class);
            return value.map(type::cast);
        }

        List<PeerAddress> peers(String name) {
            List<?> value = get(name, List.class);
            return value.stream().map(PeerAddress.class::cast).toList();
        }
    }
}
