package network.mira.node.testnet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import network.mira.config.NodeConfig;
import network.mira.config.PeerAddress;
import network.mira.core.crypto.PublicKey;

/**
 * Where everything of a local testnet lives and which ports it uses; pure, so init, the other
 * commands and the tests agree by construction.
 *
 * <pre>
 * DIR/testnet.json              manifest read by start / stop / kill / status
 * DIR/genesis.json              shared genesis
 * DIR/nodeI/config.yaml         node I's config; its data dir is DIR/nodeI itself
 * DIR/nodeI/validator-key.json  validator key (signs votes), mode 0600
 * DIR/nodeI/node-key.json       p2p identity (node id), mode 0600
 * DIR/node0/faucet-key.json     the faucet, as on the devnet
 * DIR/nodeI/db/, consensus/     chain data, written by the node
 * DIR/nodeI/node.log, node.pid  written by mira testnet start
 * </pre>
 *
 * <p>Ports on 127.0.0.1 from the base port P: rpc P+I, metrics P+100+I, p2p P+200+I. In the docker
 * layout every container uses the daemon's default ports and peers are reached by service name
 * ({@code nodeI}); the host publishes rpc and metrics on the same P+I / P+100+I.
 */
final class TestnetLayout {
    static final int MAX_VALIDATORS = 32;
    /** Far from the devnet's 50051 / 9464 / 7700 and below the usual ephemeral port range. */
    static final int DEFAULT_BASE_PORT = 24_000;
    static final int METRICS_OFFSET = 100;
    static final int P2P_OFFSET = 200;
    static final String LOOPBACK = "127.0.0.1";

    static final String MANIFEST_FILE = "testnet.json";
    static final String GENESIS_FILE = "genesis.json";
    static final String CONFIG_FILE = "config.yaml";
    static final String LOG_FILE = "node.log";
    static final String PID_FILE = "node.pid";

    /** The docker layout: the node dir is mounted here, the shared genesis next to it. */
    static final String CONTAINER_NODE_DIR = "/mira/node";
    static final String CONTAINER_GENESIS = "/mira/genesis.json";
    static final int CONTAINER_RPC_PORT = 50051;
    static final int CONTAINER_METRICS_PORT = 9464;
    static final int CONTAINER_P2P_PORT = 7700;

    private TestnetLayout() {}

    static String nodeDirName(int node) {
        return "node" + node;
    }

    /** The highest base port that leaves room for {@code validators} nodes. */
    static int maxBasePort(int validators) {
        return 65_535 - P2P_OFFSET - (validators - 1);
    }

    static int rpcPort(int basePort, int node) {
        return basePort + node;
    }

    static int metricsPort(int basePort, int node) {
        return basePort + METRICS_OFFSET + node;
    }

    static int p2pPort(int basePort, int node) {
        return basePort + P2P_OFFSET + node;
    }

    /** One node's config.yaml content, before rendering. */
    record NodeSettings(int node, int validators, String chainId, Path dataDir, Path genesisFile,
                        Path validatorKeyFile, Path nodeKeyFile, String bindHost, int rpcPort, int metricsPort,
                        int p2pPort, List<PeerAddress> persistentPeers) {}

    /**
     * The settings of node {@code node}: on loopback with absolute paths under {@code root}, or for
     * the docker layout with container paths, 0.0.0.0 and service names.
     */
    static NodeSettings settings(Path root, int node, String chainId, List<PublicKey> nodeIds, int basePort,
                                 boolean docker) {
        int count = nodeIds.size();
        List<PeerAddress> peers = new ArrayList<>();
        for (int other = 0; other < count; other++) {
            if (other != node) {
                peers.add(docker ? new PeerAddress(nodeIds.get(other), nodeDirName(other), CONTAINER_P2P_PORT)
                        : new PeerAddress(nodeIds.get(other), LOOPBACK, p2pPort(basePort, other)));
            }
        }
        if (docker) {
            Path dataDir = Path.of(CONTAINER_NODE_DIR);
            return new NodeSettings(node, count, chainId, dataDir, Path.of(CONTAINER_GENESIS),
                    dataDir.resolve(NodeConfig.DEFAULT_VALIDATOR_KEY_FILE_NAME),
                    dataDir.resolve(NodeConfig.DEFAULT_NODE_KEY_FILE_NAME), "0.0.0.0", CONTAINER_RPC_PORT,
                    CONTAINER_METRICS_PORT, CONTAINER_P2P_PORT, peers);
        }
        Path dataDir = root.resolve(nodeDirName(node));
        return new NodeSettings(node, count, chainId, dataDir, root.resolve(GENESIS_FILE),
                dataDir.resolve(NodeConfig.DEFAULT_VALIDATOR_KEY_FILE_NAME),
                dataDir.resolve(NodeConfig.DEFAULT_NODE_KEY_FILE_NAME), LOOPBACK, rpcPort(basePort, node),
                metricsPort(basePort, node), p2pPort(basePort, node), peers);
    }
}
