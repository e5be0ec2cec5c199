package network.mira.node.testnet;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import network.mira.config.ConfigException;
import network.mira.config.Genesis;
import network.mira.config.GenesisJson;
import network.mira.config.NodeConfig;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.KeypairFile;
import network.mira.core.crypto.PublicKey;
import network.mira.node.cli.CliEnvironment;
import network.mira.node.cli.CliException;
import network.mira.node.cli.ExitCodes;
import network.mira.node.cli.GenesisParameters;
import network.mira.node.cli.HostPort;
import network.mira.node.daemon.DevnetBootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code mira testnet init}: keys, one shared genesis (every validator with equal stake, a funded
 * faucet) and a config per node, laid out as {@link TestnetLayout} describes. Everything is
 * generated and validated in memory first, so a bad argument leaves the disk untouched.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write keys, a shared genesis and per-node configs for N local validators.")
final class TestnetInitCommand extends TestnetSubcommand {
    @Option(names = "--validators", required = true, paramLabel = "N",
            description = "Number of validators, 1 to " + TestnetLayout.MAX_VALIDATORS + ".")
    int validators;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory to create; it must be empty or missing unless --force.")
    Path out;

    @Option(names = "--chain-id", paramLabel = "ID", defaultValue = "mira-testnet",
            description = "Chain id of the genesis (default ${DEFAULT-VALUE}).")
    String chainId;

    @Option(names = "--base-port", paramLabel = "P", defaultValue = "" + TestnetLayout.DEFAULT_BASE_PORT,
            description = "Node I listens on rpc P+I, metrics P+100+I, p2p P+200+I (default ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--docker", description = "Write configs for docker/docker-compose.yml: container paths "
            + "under " + TestnetLayout.CONTAINER_NODE_DIR + ", bind 0.0.0.0, peers by service name (node0, node1, ...).")
    boolean docker;

    @Option(names = "--genesis-param", paramLabel = "NAME=VALUE",
            description = "A chain parameter for the genesis (repeatable), e.g. epoch_blocks=20; see docs/staking.md.")
    List<String> genesisParams;

    @Option(names = "--force", description = "Replace an earlier testnet in DIR: deletes its testnet.json, "
            + "genesis.json and node*/ directories (chain data included); refused while one of its nodes runs.")
    boolean force;

    TestnetInitCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() throws IOException {
        checkArguments();
        Path root = out.toAbsolutePath().normalize();
        SecureRandom random = new SecureRandom();
        List<KeyPair> validatorKeys = generate(random);
        List<KeyPair> nodeKeys = generate(random);
        KeyPair faucet = KeyPair.generate(random);
        java.util.SortedMap<String, Long> parameters;
        try {
            parameters = GenesisParameters.parse(genesisParams);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Genesis genesis;
        try {
            genesis = Genesis.local(chainId, validatorKeys.stream().map(KeyPair::publicKey).toList(),
                    faucet.publicKey(), System.currentTimeMillis()).withParameters(GenesisParameters.complete(parameters));
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "--chain-id: " + e.problem());
        }
        List<PublicKey> nodeIds = nodeKeys.stream().map(KeyPair::publicKey).toList();

        prepare(root);
        Files.createDirectories(root);
        GenesisJson.write(root.resolve(TestnetLayout.GENESIS_FILE), genesis);
        List<TestnetManifest.Node> nodes = new ArrayList<>();
        for (int i = 0; i < validators; i++) {
            Path nodeDir = root.resolve(TestnetLayout.nodeDirName(i));
            Files.createDirectories(nodeDir);
            writeKey(nodeDir.resolve(NodeConfig.DEFAULT_VALIDATOR_KEY_FILE_NAME), validatorKeys.get(i));
            writeKey(nodeDir.resolve(NodeConfig.DEFAULT_NODE_KEY_FILE_NAME), nodeKeys.get(i));
            TestnetLayout.NodeSettings settings = TestnetLayout.settings(root, i, chainId, nodeIds, basePort, docker);
            Files.writeString(nodeDir.resolve(TestnetLayout.CONFIG_FILE), NodeConfigFile.render(settings));
            nodes.add(manifestEntry(i, validatorKeys.get(i), nodeKeys.get(i), settings));
        }
        writeKey(root.resolve(TestnetLayout.nodeDirName(0)).resolve(DevnetBootstrap.FAUCET_KEY_FILE), faucet);
        TestnetManifest manifest = new TestnetManifest(chainId, genesis.hash().toBase58(), docker, nodes);
        manifest.write(root); // last: a directory with a manifest is a complete testnet
        report(root, manifest, faucet.publicKey());
        return ExitCodes.OK;
    }

    private void checkArguments() {
        if (validators < 1 || validators > TestnetLayout.MAX_VALIDATORS) {
            throw new ParameterException(spec.commandLine(), "--validators must be between 1 and "
                    + TestnetLayout.MAX_VALIDATORS + ", got " + validators);
        }
        int maxBase = TestnetLayout.maxBasePort(validators);
        if (basePort < 1 || basePort > maxBase) {
            throw new ParameterException(spec.commandLine(), "--base-port must be between 1 and " + maxBase
                    + " for " + validators + " validators (ports up to P+" + TestnetLayout.P2P_OFFSET + "+"
                    + (validators - 1) + " are used), got " + basePort);
        }
    }

    private List<KeyPair> generate(SecureRandom random) {
        List<KeyPair> keys = new ArrayList<>(validators);
        for (int i = 0; i < validators; i++) {
            keys.add(KeyPair.generate(random));
        }
        return keys;
    }

    /** Refuses a non-empty DIR unless --force, and then removes only what an earlier init wrote. */
    private void prepare(Path root) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw CliException.failure(root + " exists and is not a directory");
        }
        if (!Files.isDirectory(root) || isEmpty(root)) {
            return;
        }
        if (!force) {
            throw CliException.failure(root + " is not empty; choose a new directory, or pass --force to replace "
                    + "the testnet in it");
        }
        List<Path> nodeDirs = earlierNodeDirs(root);
        for (Path nodeDir : nodeDirs) {
            Optional<ProcessHandle> running = NodeProcesses.running(nodeDir);
            if (running.isPresent()) {
                throw CliException.failure("a node of the testnet in " + root + " is running (" + nodeDir.getFileName()
                        + ", pid " + running.get().pid() + "); stop it first: mira testnet stop " + root);
            }
        }
        Files.deleteIfExists(root.resolve(TestnetLayout.MANIFEST_FILE));
        Files.deleteIfExists(root.resolve(TestnetLayout.GENESIS_FILE));
        for (Path nodeDir : nodeDirs) {
            deleteTree(nodeDir);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static List<Path> earlierNodeDirs(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> p.getFileName().toString().matches("node[0-9]+") && Files.isDirectory(p))
                    .sorted().toList();
        }
    }

    /** Does not follow symbolic links: a link inside a node dir is removed, not what it points to. */
    private static void deleteTree(Path dir) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }

    private static void writeKey(Path file, KeyPair key) throws IOException {
        try {
            KeypairFile.write(file, key, false);
        } catch (FileAlreadyExistsException e) {
            throw CliException.failure("keypair file " + file + " already exists; refusing to overwrite it");
        }
    }

    private TestnetManifest.Node manifestEntry(int node, KeyPair validator, KeyPair nodeKey,
                                               TestnetLayout.NodeSettings settings) {
        String dir = TestnetLayout.nodeDirName(node);
        String p2p = docker ? dir + ":" + TestnetLayout.CONTAINER_P2P_PORT
                : new HostPort(TestnetLayout.LOOPBACK, settings.p2pPort()).toString();
        return new TestnetManifest.Node(node, dir, nodeKey.publicKey().toBase58(), validator.publicKey().toBase58(),
                new HostPort(TestnetLayout.LOOPBACK, TestnetLayout.rpcPort(basePort, node)),
                new HostPort(TestnetLayout.LOOPBACK, TestnetLayout.metricsPort(basePort, node)), p2p);
    }

    private void report(Path root, TestnetManifest manifest, PublicKey faucet) {
        Path faucetFile = root.resolve(TestnetLayout.nodeDirName(0)).resolve(DevnetBootstrap.FAUCET_KEY_FILE);
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("dir", root.toString());
            result.put("chain_id", manifest.chainId());
            result.put("genesis_hash", manifest.genesisHash());
            result.put("layout", manifest.docker() ? "docker" : "local");
            result.put("faucet", faucet.toBase58());
            result.put("faucet_key_file", faucetFile.toString());
            List<Map<String, Object>> nodes = new ArrayList<>();
            for (TestnetManifest.Node node : manifest.nodes()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("node", node.node());
                entry.put("dir", manifest.nodeDir(root, node).toString());
                entry.put("node_id", node.nodeId());
                entry.put("validator", node.validator());
                entry.put("rpc", node.rpc().toString());
                entry.put("metrics", node.metrics().toString());
                entry.put("p2p", node.p2p());
                nodes.add(entry);
            }
            result.put("nodes", nodes);
            printJson(result);
            return;
        }
        printLine("created testnet " + manifest.chainId() + " with " + manifest.nodes().size() + " validator"
                + (manifest.nodes().size() == 1 ? "" : "s") + " in " + root + " (genesis hash "
                + manifest.genesisHash() + ")");
        for (TestnetManifest.Node node : manifest.nodes()) {
            printLine("node " + node.node() + ": rpc " + node.rpc() + "  metrics " + node.metrics() + "  p2p "
                    + node.p2p() + "  node id " + node.nodeId());
        }
        printLine("faucet " + faucet + " (key " + faucetFile + ", used by node 0)");
        printLine(manifest.docker() ? "run it with: docker compose -f docker/docker-compose.yml up (see docker/README.md)"
                : "start it with: mira testnet start " + root);
    }
}
