package network.mira.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigLoaderTest {
    private static final String PEER_A = key(1);
    private static final String PEER_B = key(2);
    private static final String PEER_C = key(3);

    @TempDir
    Path dir;

    private static String key(int seed) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) seed);
        return KeyPair.fromSeed(bytes).publicKey().toBase58();
    }

    @Test
    void nothingGivenYieldsTheDefaults() {
        assertThat(NodeConfigLoader.load(Optional.empty(), Map.of(), Map.of())).isEqualTo(NodeConfig.defaults());
    }

    @Test
    void cliBeatsEnvBeatsYaml() throws IOException {
        Path file = yaml("rpc:\n  port: 50052\n");
        Map<String, String> env = Map.of("MIRA_RPC_PORT", "50053");
        Map<String, String> cli = Map.of("rpc.port", "50054");

        assertThat(NodeConfigLoader.load(Optional.of(file), Map.of(), Map.of()).rpc().port()).isEqualTo(50052);
        assertThat(NodeConfigLoader.load(Optional.of(file), env, Map.of()).rpc().port()).isEqualTo(50053);
        assertThat(NodeConfigLoader.load(Optional.of(file), env, cli).rpc().port()).isEqualTo(50054);
    }

    @Test
    void sourcesMergeKeyByKey() throws IOException {
        Path file = yaml("""
                data-dir: /var/lib/mira
                rpc:
                  host: 0.0.0.0
                consensus:
                  block-interval-ms: 250
                log:
                  format: json
                """);
        NodeConfig c = NodeConfigLoader.load(Optional.of(file),
                Map.of("MIRA_P2P_PORT", "7800", "MIRA_LOG_LEVEL", "debug"),
                Map.of("genesis-file", "/etc/mira/genesis.json"));
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/mira"));
        assertThat(c.rpc().host()).isEqualTo("0.0.0.0");
        assertThat(c.rpc().port()).isEqualTo(50051);
        assertThat(c.consensus().blockIntervalMs()).isEqualTo(250);
        assertThat(c.log().format()).isEqualTo(NodeConfig.LogFormat.JSON);
        assertThat(c.log().level()).isEqualTo(NodeConfig.LogLevel.DEBUG);
        assertThat(c.p2p().port()).isEqualTo(7800);
        assertThat(c.genesisPath()).isEqualTo(Path.of("/etc/mira/genesis.json"));
        assertThat(c.validatorKeyPath()).isEqualTo(Path.of("/var/lib/mira/validator-key.json"));
    }

    @Test
    void everyKeyCanBeSetAndReadBack() {
        // Catches a key whose table entry and NodeConfig wiring disagree.
        Map<String, String> samples = Map.ofEntries(
                Map.entry("data-dir", "/d"), Map.entry("genesis-file", "/g.json"),
                Map.entry("validator-key-file", "/k.json"), Map.entry("rpc.host", "10.0.0.1"),
                Map.entry("rpc.port", "1001"), Map.entry("rpc.max-inbound-message-bytes", "1002"),
                Map.entry("metrics.host", "10.0.0.2"), Map.entry("metrics.port", "1003"),
                Map.entry("p2p.host", "10.0.0.3"), Map.entry("p2p.port", "1004"),
                Map.entry("p2p.node-key-file", "/n.json"),
                Map.entry("p2p.persistent-peers", PEER_A + "@10.0.0.4:1017," + PEER_B + "@[fd00::1]:1018"),
                Map.entry("p2p.seeds", PEER_C + "@seed.example.org:1019"),
                Map.entry("p2p.max-inbound-peers", "21"), Map.entry("p2p.max-outbound-peers", "22"),
                Map.entry("consensus.block-interval-ms", "1005"),
                Map.entry("consensus.empty-block-interval-ms", "1006"),
                Map.entry("consensus.timeout-propose-ms", "1011"), Map.entry("consensus.timeout-propose-delta-ms", "1012"),
                Map.entry("consensus.timeout-prevote-ms", "1013"), Map.entry("consensus.timeout-prevote-delta-ms", "1014"),
                Map.entry("consensus.timeout-precommit-ms", "1015"),
                Map.entry("consensus.timeout-precommit-delta-ms", "1016"),
                Map.entry("mempool.max-transactions", "1007"), Map.entry("block.max-transactions", "1008"),
                Map.entry("execution.workers", "12"),
                Map.entry("faucet.max-lamports-per-request", "1009"), Map.entry("faucet.cooldown-ms", "1010"),
                Map.entry("log.format", "json"), Map.entry("log.level", "WARN"),
                Map.entry("verification.verifier", "openai-compatible"),
                Map.entry("verification.knowledge-file", "/facts.txt"),
                Map.entry("verification.identity-key-file", "/keys/identity.json"),
                Map.entry("verification.openai.url", "https://llm.example.org/v1/chat/completions"),
                Map.entry("verification.openai.model", "llama-3.1-8b"),
                Map.entry("verification.openai.api-key-env", "LLM_API_KEY"),
                Map.entry("verification.openai.timeout-ms", "1020"),
                Map.entry("verification.openai.max-concurrency", "23"),
                Map.entry("verification.openai.max-queued", "24"),
                Map.entry("verification.openai.retries", "3"),
                Map.entry("verification.openai.circuit-failures", "25"),
                Map.entry("verification.openai.circuit-cooldown-ms", "1021"),
                Map.entry("verification.band-window", "27"), Map.entry("verification.band-min-observations", "26"),
                Map.entry("verification.band-width-ppm", "1022"));
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(
                NodeConfigLoader.keys().stream().map(ConfigKey::name).toList());
        NodeConfig c = NodeConfigLoader.load(Optional.empty(), Map.of(), samples);
        for (ConfigKey key : NodeConfigLoader.keys()) {
            assertThat(key.type().format(key.valueIn(c))).as(key.name()).isEqualTo(samples.get(key.name()));
        }
        Map<String, String> env = new HashMap<>();
        samples.forEach((k, v) -> env.put(ConfigKey.envVarFor(k), v));
        assertThat(NodeConfigLoader.load(Optional.empty(), env, Map.of())).isEqualTo(c);
    }

    @Test
    void envNamesDeriveFromTheDottedKey() {
        assertThat(NodeConfigLoader.environmentVariables()).contains("MIRA_RPC_PORT", "MIRA_DATA_DIR",
                "MIRA_CONSENSUS_BLOCK_INTERVAL_MS", "MIRA_RPC_MAX_INBOUND_MESSAGE_BYTES", "MIRA_GENESIS_FILE",
                "MIRA_VALIDATOR_KEY_FILE", "MIRA_LOG_LEVEL", "MIRA_EXECUTION_WORKERS", "MIRA_P2P_NODE_KEY_FILE",
                "MIRA_P2P_PERSISTENT_PEERS", "MIRA_P2P_SEEDS", "MIRA_P2P_MAX_INBOUND_PEERS",
                "MIRA_P2P_MAX_OUTBOUND_PEERS").hasSize(NodeConfigLoader.keys().size());
    }

    @Test
    void p2pKeysHaveTheirDefaults() throws IOException {
        NodeConfig c = NodeConfigLoader.load(Optional.of(yaml("data-dir: /var/lib/mira\n")), Map.of(), Map.of());
        assertThat(c.nodeKeyPath()).isEqualTo(Path.of("/var/lib/mira/node-key.json"));
        assertThat(c.p2p().persistentPeers()).isEmpty();
        assertThat(c.p2p().seeds()).isEmpty();
        assertThat(c.p2p().maxInboundPeers()).isEqualTo(40);
        assertThat(c.p2p().maxOutboundPeers()).isEqualTo(10);
        assertThat(NodeConfigLoader.key("p2p.node-key-file").orElseThrow().defaultValue())
                .isEqualTo("<data-dir>/node-key.json");
        assertThat(NodeConfigLoader.key("p2p.node-key-file").orElseThrow().cliFlag()).isEqualTo("--node-key");
        assertThat(NodeConfigLoader.key("p2p.persistent-peers").orElseThrow().cliFlag())
                .isEqualTo("--p2p-persistent-peers");
    }

    @Test
    void peersComeAsCommaSeparatedTextOrAsAYamlList() throws IOException {
        List<PeerAddress> expected = List.of(new PeerAddress(PublicKey.fromBase58(PEER_A), "127.0.0.1", 24201),
                new PeerAddress(PublicKey.fromBase58(PEER_B), "node2", 7700));
        Path list = yaml("p2p:\n  persistent-peers:\n    - " + PEER_A + "@127.0.0.1:24201\n    - " + PEER_B
                + "@node2:7700\n  seeds: []\n");
        Path text = yaml("p2p:\n  persistent-peers: \"" + PEER_A + "@127.0.0.1:24201, " + PEER_B + "@node2:7700\"\n");
        assertThat(NodeConfigLoader.load(Optional.of(list), Map.of(), Map.of()).p2p().persistentPeers())
                .isEqualTo(expected);
        assertThat(NodeConfigLoader.load(Optional.of(text), Map.of(), Map.of()).p2p().persistentPeers())
                .isEqualTo(expected);
        assertThat(NodeConfigLoader.load(Optional.empty(),
                Map.of("MIRA_P2P_SEEDS", PEER_A + "@127.0.0.1:24201," + PEER_B + "@node2:7700"), Map.of()).p2p().seeds())
                .isEqualTo(expected);
        // An empty flag clears what the file set.
        assertThat(NodeConfigLoader.load(Optional.of(list), Map.of(), Map.of("p2p.persistent-peers", ""))
                .p2p().persistentPeers()).isEmpty();
    }

    @Test
    void badPeerEntriesNameTheEntryAndTheSource() throws IOException {
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("p2p.persistent-peers", PEER_A + "@h:1,nobody@h:2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("p2p.persistent-peers: entry 2 of 2: node id 'nobody' in 'nobody@h:2' is not a "
                        + "base58 Ed25519 public key: ")
                .hasMessageEndingWith(" (from flag --p2p-persistent-peers)");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.empty(),
                Map.of("MIRA_P2P_SEEDS", PEER_A + "@h:77x"), Map.of()))
                .hasMessage("p2p.seeds: entry 1 of 1: port '77x' in '" + PEER_A + "@h:77x' is not a number"
                        + " (from environment variable MIRA_P2P_SEEDS)");
        Path duplicate = yaml("p2p:\n  persistent-peers: [" + PEER_A + "@a:1, " + PEER_A + "@b:2]\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(duplicate), Map.of(), Map.of()))
                .hasMessage("p2p.persistent-peers: entry 2 (" + PEER_A + "@b:2) repeats the node id of entry 1"
                        + " (from file " + duplicate + ")");
        Path nested = yaml("p2p:\n  seeds:\n    - {a: 1}\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(nested), Map.of(), Map.of()))
                .hasMessage("p2p.seeds: list entry 1 must be a single value, got a mapping (from file " + nested + ")");
        Path notAList = yaml("rpc:\n  port: [1, 2]\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(notAList), Map.of(), Map.of()))
                .hasMessage("rpc.port: expected a single value, got a list (from file " + notAList + ")");
    }

    @Test
    void peerLimitsAreBounded() {
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("p2p.max-inbound-peers", "-1")))
                .hasMessage("p2p.max-inbound-peers: must be between 0 and 1000, got -1 (from flag --p2p-max-inbound-peers)");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.empty(),
                Map.of("MIRA_P2P_MAX_OUTBOUND_PEERS", "1001"), Map.of()))
                .hasMessage("p2p.max-outbound-peers: must be between 0 and 1000, got 1001"
                        + " (from environment variable MIRA_P2P_MAX_OUTBOUND_PEERS)");
    }

    @Test
    void theNodeKeyMustNotBeTheValidatorKey() {
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("data-dir", "/d", "p2p.node-key-file", "/d/validator-key.json")))
                .hasMessage("p2p.node-key-file: must differ from validator-key-file, both are /d/validator-key.json: "
                        + "the p2p identity and the validator key are separate keys (from flag --node-key)");
    }

    @Test
    void flagsUseShortFormsWhereDefined() {
        Map<String, String> flags = new HashMap<>();
        NodeConfigLoader.keys().forEach(k -> flags.put(k.name(), k.cliFlag()));
        assertThat(flags).containsEntry("data-dir", "--data-dir").containsEntry("rpc.port", "--rpc-port")
                .containsEntry("metrics.port", "--metrics-port").containsEntry("p2p.port", "--p2p-port")
                .containsEntry("genesis-file", "--genesis").containsEntry("validator-key-file", "--validator-key")
                .containsEntry("log.format", "--log-format").containsEntry("log.level", "--log-level")
                .containsEntry("consensus.block-interval-ms", "--consensus-block-interval-ms")
                .containsEntry("execution.workers", "--execution-workers");
        assertThat(NodeConfigLoader.keyForFlag("--genesis")).map(ConfigKey::name).contains("genesis-file");
        assertThat(NodeConfigLoader.keyForFlag("--nope")).isEmpty();
        assertThat(NodeConfigLoader.key("rpc.port")).map(ConfigKey::envVar).contains("MIRA_RPC_PORT");
    }

    @Test
    void keysDescribeTheirDefaults() {
        Map<String, String> defaults = new HashMap<>();
        NodeConfigLoader.keys().forEach(k -> defaults.put(k.name(), k.defaultValue()));
        assertThat(defaults).containsEntry("data-dir", "./.mira/devnet")
                .containsEntry("genesis-file", "<data-dir>/genesis.json")
                .containsEntry("validator-key-file", "<data-dir>/validator-key.json")
                .containsEntry("rpc.port", "50051").containsEntry("faucet.max-lamports-per-request", "10000000000")
                .containsEntry("log.format", "text").containsEntry("log.level", "INFO");
        assertThat(NodeConfigLoader.keys()).allSatisfy(k -> assertThat(k.description()).isNotBlank());
    }

    @Test
    void unknownMiraVariablesAreIgnoredAndEmptyOnesCountAsUnset() {
        NodeConfig c = NodeConfigLoader.load(Optional.empty(),
                Map.of("MIRA_HOME", "/opt/mira", "MIRA_RPC_PROT", "1", "MIRA_RPC_PORT", ""), Map.of());
        assertThat(c).isEqualTo(NodeConfig.defaults());
    }

    @Test
    void unknownYamlKeysAreRefused() throws IOException {
        Path file = yaml("rpc:\n  prot: 50052\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("rpc.prot: unknown key in file " + file
                        + "; known keys under rpc: host, port, max-inbound-message-bytes");
        Path top = yaml("datadir: /x\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(top), Map.of(), Map.of()))
                .hasMessageStartingWith("datadir: unknown key in file " + top + "; known top-level keys: data-dir, ");
    }

    @Test
    void flatDottedYamlKeysAreRefused() throws IOException {
        Path file = yaml("rpc.port: 50052\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .hasMessage("rpc.port: dotted keys are not accepted in file " + file
                        + ", nest it instead: rpc: {port: ...}");
    }

    @Test
    void yamlShapeErrorsNameTheKey() throws IOException {
        Path section = yaml("rpc: 5\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(section), Map.of(), Map.of()))
                .hasMessage("rpc: expected a mapping of host, port, max-inbound-message-bytes, got '5' (from file "
                        + section + ")");
        Path nested = yaml("rpc:\n  port:\n    value: 1\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(nested), Map.of(), Map.of()))
                .hasMessage("rpc.port: expected a single value, got a mapping (from file " + nested + ")");
        Path empty = yaml("rpc:\n  port:\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(empty), Map.of(), Map.of()))
                .hasMessage("rpc.port: has no value (from file " + empty + ")");
        Path list = yaml("- a\n- b\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(list), Map.of(), Map.of()))
                .hasMessage("config-file: " + list + ": expected a mapping of settings at the top level, got a list");
    }

    @Test
    void duplicateYamlKeysAreRefused() throws IOException {
        Path file = yaml("rpc:\n  port: 1\n  port: 2\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .hasMessageStartingWith("config-file: " + file + ": not valid YAML at line ")
                .hasMessageContaining("port");
    }

    @Test
    void anEmptyYamlFileSetsNothing() throws IOException {
        assertThat(NodeConfigLoader.load(Optional.of(yaml("")), Map.of(), Map.of())).isEqualTo(NodeConfig.defaults());
        assertThat(NodeConfigLoader.load(Optional.of(yaml("# only a comment\nrpc:\n")), Map.of(), Map.of()))
                .isEqualTo(NodeConfig.defaults());
    }

    @Test
    void aMissingYamlFileIsAnError() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(missing), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config-file: " + missing + ": file not found");
    }

    @Test
    void badTypesNameFieldSourceAndValue() throws IOException {
        Path file = yaml("rpc:\n  port: abc\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .hasMessage("rpc.port: expected an integer (at most 2147483647), got 'abc' (from file " + file + ")");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.empty(), Map.of("MIRA_RPC_PORT", "abc"), Map.of()))
                .hasMessage("rpc.port: expected an integer (at most 2147483647), got 'abc'"
                        + " (from environment variable MIRA_RPC_PORT)");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.empty(), Map.of(), Map.of("rpc.port", "abc")))
                .hasMessage("rpc.port: expected an integer (at most 2147483647), got 'abc' (from flag --rpc-port)")
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("rpc.port");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("faucet.cooldown-ms", "1.5")))
                .hasMessage("faucet.cooldown-ms: expected an integer (at most 9223372036854775807), got '1.5'"
                        + " (from flag --faucet-cooldown-ms)");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.empty(), Map.of(), Map.of("data-dir", "")))
                .hasMessage("data-dir: must not be empty (from flag --data-dir)");
    }

    @Test
    void aBadValueIsReportedEvenWhenALaterSourceOverridesIt() throws IOException {
        Path file = yaml("rpc:\n  port: abc\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(file), Map.of(), Map.of("rpc.port", "1")))
                .hasMessageStartingWith("rpc.port: expected an integer");
    }

    @Test
    void enumsListTheirAllowedValues() {
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.empty(), Map.of("MIRA_LOG_FORMAT", "xml"), Map.of()))
                .hasMessage("log.format: must be one of text, json, got 'xml' (from environment variable MIRA_LOG_FORMAT)");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.empty(), Map.of(), Map.of("log.level", "verbose")))
                .hasMessage("log.level: must be one of TRACE, DEBUG, INFO, WARN, ERROR, got 'verbose' (from flag --log-level)");
        assertThat(NodeConfigLoader.load(Optional.empty(), Map.of(), Map.of("log.format", "JSON", "log.level", "warn"))
                .log()).isEqualTo(new NodeConfig.Log(NodeConfig.LogFormat.JSON, NodeConfig.LogLevel.WARN));
    }

    @Test
    void rangeErrorsSayWhichSourceSetTheValue() throws IOException {
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.empty(), Map.of(), Map.of("rpc.port", "70000")))
                .hasMessage("rpc.port: must be between 1 and 65535, or 0 for any free port, got 70000 (from flag --rpc-port)");
        Path file = yaml("consensus:\n  empty-block-interval-ms: 100\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .hasMessage("consensus.empty-block-interval-ms: must be at least consensus.block-interval-ms (400),"
                        + " got 100 (from file " + file + ")");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.empty(), Map.of("MIRA_P2P_PORT", "50051"), Map.of()))
                .hasMessage("p2p.port: must differ from rpc.port, both are 50051 (from environment variable MIRA_P2P_PORT)");
    }

    @Test
    void unknownCliKeysAreRefused() {
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.empty(), Map.of(), Map.of("rpc.prot", "1")))
                .hasMessage("rpc.prot: unknown configuration key (from flag --rpc-prot)");
    }

    @Test
    void keysAreListedInDocumentationOrder() {
        List<String> names = NodeConfigLoader.keys().stream().map(ConfigKey::name).toList();
        assertThat(names).startsWith("data-dir", "genesis-file", "validator-key-file", "rpc.host").endsWith("log.level");
    }

    private Path yaml(String text) throws IOException {
        Path file = Files.createTempFile(dir, "node", ".yaml");
        Files.writeString(file, text);
        return file;
    }
}
