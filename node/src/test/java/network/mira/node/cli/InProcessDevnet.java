package network.mira.node.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import network.mira.config.Genesis;
import network.mira.config.GenesisJson;
import network.mira.config.NodeConfig;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.KeypairFile;
import network.mira.node.daemon.MiraNode;

/**
 * A full single-validator devnet node (RocksDB, execution, settlement, faucet, gRPC) running in
 * this JVM on free loopback ports, set up in a temp dir the way {@code mira-node start --dev}
 * sets up its data dir: validator key, faucet key and a devnet genesis.
 */
public final class InProcessDevnet implements AutoCloseable {
    /** The file name the daemon reads the devnet faucet key from, inside the data dir. */
    private static final String FAUCET_KEY_FILE = "faucet-key.json";

    private final MiraNode node;

    private InProcessDevnet(MiraNode node) {
        this.node = node;
    }

    /** A devnet whose genesis has no parameters: no staking, the genesis set for ever. */
    public static InProcessDevnet start(Path dataDir) throws IOException {
        return start(dataDir, Map.of());
    }

    /**
     * A devnet that runs staking, as {@code mira-node start --dev --genesis-param NAME=VALUE} creates it:
     * every parameter written, {@code overrides} over the defaults.
     */
    public static InProcessDevnet startStaking(Path dataDir, Map<String, Long> overrides) throws IOException {
        return start(dataDir, GenesisParameters.complete(overrides));
    }

    /** @param parameters chain parameters of the genesis, as {@code mira-node start --dev --genesis-param} sets them */
    public static InProcessDevnet start(Path dataDir, Map<String, Long> parameters) throws IOException {
        return start(dataDir, parameters, NodeConfig.Verification.DEFAULTS);
    }

    /** As {@link #start(Path, Map)}, with these verification settings (verifier, identity key, band). */
    public static InProcessDevnet start(Path dataDir, Map<String, Long> parameters,
                                        NodeConfig.Verification verification) throws IOException {
        SecureRandom random = new SecureRandom();
        KeyPair validator = KeyPair.generate(random);
        KeyPair faucet = KeyPair.generate(random);
        NodeConfig defaults = NodeConfig.defaults();
        NodeConfig config = new NodeConfig(dataDir, Optional.empty(), Optional.empty(),
                new NodeConfig.Rpc("127.0.0.1", 0, defaults.rpc().maxInboundMessageBytes()),
                new NodeConfig.Metrics("127.0.0.1", 0),
                new NodeConfig.P2p("127.0.0.1", 0),
                new NodeConfig.Consensus(100, 1_000),
                defaults.mempool(), defaults.block(), defaults.execution(),
                new NodeConfig.Faucet(10_000_000_000L, 0),
                defaults.log(), verification);
        java.nio.file.Files.createDirectories(dataDir);
        KeypairFile.write(config.validatorKeyPath(), validator);
        KeypairFile.write(dataDir.resolve(FAUCET_KEY_FILE), faucet);
        GenesisJson.write(config.genesisPath(),
                Genesis.devnet(validator.publicKey(), faucet.publicKey(), System.currentTimeMillis())
                        .withParameters(parameters));
        MiraNode node = new MiraNode(config);
        node.start();
        return new InProcessDevnet(node);
    }

    /** The running node's ledger, for tests that read finalized blocks directly. */
    public network.mira.settlement.ledger.Ledger ledger() {
        return node.ledger();
    }

    /** The node's gRPC address, {@code 127.0.0.1:PORT}, for clients in this JVM or in other processes. */
    public String rpc() {
        return "127.0.0.1:" + node.rpcPort();
    }

    /** The node's Prometheus endpoint. */
    URI metrics() {
        return URI.create("http://127.0.0.1:" + node.metricsPort() + "/metrics");
    }

    @Override
    public void close() {
        node.close();
    }
}
