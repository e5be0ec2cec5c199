package network.mira.node.testnet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import network.mira.config.PeerAddress;

/**
 * Renders a testnet node's {@code config.yaml}. Strings are written double-quoted with JSON escapes,
 * which YAML reads unchanged, so a path with spaces, '#' or ':' cannot change the file's meaning.
 */
final class NodeConfigFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeConfigFile() {}

    static String render(TestnetLayout.NodeSettings s) {
        StringBuilder yaml = new StringBuilder()
                .append("# Node ").append(s.node()).append(" of ").append(s.validators())
                .append(" of the local testnet ").append(s.chainId()).append(", written by 'mira testnet init'.\n")
                .append("# Keys: see docs/configuration.md; MIRA_* variables and flags still override these.\n")
                .append("data-dir: ").append(quote(s.dataDir())).append('\n')
                .append("genesis-file: ").append(quote(s.genesisFile())).append('\n')
                .append("validator-key-file: ").append(quote(s.validatorKeyFile())).append('\n')
                .append("rpc:\n")
                .append("  host: ").append(quote(s.bindHost())).append('\n')
                .append("  port: ").append(s.rpcPort()).append('\n')
                .append("metrics:\n")
                .append("  host: ").append(quote(s.bindHost())).append('\n')
                .append("  port: ").append(s.metricsPort()).append('\n')
                .append("p2p:\n")
                .append("  host: ").append(quote(s.bindHost())).append('\n')
                .append("  port: ").append(s.p2pPort()).append('\n')
                .append("  node-key-file: ").append(quote(s.nodeKeyFile())).append('\n');
        if (s.persistentPeers().isEmpty()) {
            yaml.append("  persistent-peers: []\n");
        } else {
            yaml.append("  persistent-peers:\n");
            for (PeerAddress peer : s.persistentPeers()) {
                yaml.append("    - ").append(quote(peer.toString())).append('\n');
            }
        }
        return yaml.toString();
    }

    private static String quote(Path path) {
        return quote(path.toString());
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot quote a string: " + e.getMessage(), e);
        }
    }
}
