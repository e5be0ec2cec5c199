package network.mira.node.testnet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import network.mira.node.cli.CliException;
import network.mira.node.cli.HostPort;

/**
 * {@code DIR/testnet.json}: what {@code mira testnet init} made, for the other testnet commands. Node
 * directories are relative to DIR; endpoints are as seen from this machine ({@code rpc} and
 * {@code metrics}) and from the other nodes ({@code p2p}).
 */
record TestnetManifest(String chainId, String genesisHash, boolean docker, List<Node> nodes) {
    static final int FORMAT = 1;
    private static final Pattern NODE_DIR = Pattern.compile("node[0-9]{1,2}");
    private static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    TestnetManifest {
        nodes = List.copyOf(nodes);
    }

    /** One node: index, directory under DIR, identities and endpoints. */
    record Node(int node, String dir, String nodeId, String validator, HostPort rpc, HostPort metrics, String p2p) {}

    Path nodeDir(Path root, Node node) {
        return root.resolve(node.dir());
    }

    void write(Path root) throws IOException {
        ObjectNode json = JSON.createObjectNode();
        json.put("format", FORMAT);
        json.put("chain_id", chainId);
        json.put("genesis_hash", genesisHash);
        json.put("layout", docker ? "docker" : "local");
        ArrayNode array = json.putArray("nodes");
        for (Node node : nodes) {
            array.addObject()
                    .put("node", node.node())
                    .put("dir", node.dir())
                    .put("node_id", node.nodeId())
                    .put("validator", node.validator())
                    .put("rpc", node.rpc().toString())
                    .put("metrics", node.metrics().toString())
                    .put("p2p", node.p2p());
        }
        Path file = root.resolve(TestnetLayout.MANIFEST_FILE);
        Path temporary = Files.createTempFile(root, "." + TestnetLayout.MANIFEST_FILE, ".tmp");
        try {
            Files.writeString(temporary, JSON.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** @throws CliException (exit 1) saying what is missing or wrong, naming the file and the field */
    static TestnetManifest read(Path root) {
        Path file = root.resolve(TestnetLayout.MANIFEST_FILE);
        JsonNode json;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw CliException.failure(file + " is larger than " + MAX_FILE_BYTES + " bytes; not a testnet manifest");
            }
            json = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw CliException.failure(root + " is not a testnet directory: " + file
                    + " does not exist (create one with 'mira testnet init --out " + root + "')");
        } catch (JsonProcessingException e) {
            throw CliException.failure(file + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw CliException.failure("cannot read " + file + ": " + e);
        }
        try {
            return parse(json);
        } catch (IllegalArgumentException e) {
            throw CliException.failure(file + ": " + e.getMessage());
        }
    }

    private static TestnetManifest parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        int format = integer(json, "format");
        if (format != FORMAT) {
            throw new IllegalArgumentException("format " + format + " is not supported (this mira reads " + FORMAT + ")");
        }
        String layout = text(json, "layout");
        if (!layout.equals("local") && !layout.equals("docker")) {
            throw new IllegalArgumentException("layout: expected local or docker, got '" + layout + "'");
        }
        JsonNode array = json.get("nodes");
        if (array == null || !array.isArray() || array.isEmpty() || array.size() > TestnetLayout.MAX_VALIDATORS) {
            throw new IllegalArgumentException("nodes: expected a list of 1 to " + TestnetLayout.MAX_VALIDATORS + " nodes");
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            nodes.add(node(array.get(i), i));
        }
        return new TestnetManifest(text(json, "chain_id"), text(json, "genesis_hash"), layout.equals("docker"), nodes);
    }

    private static Node node(JsonNode json, int index) {
        String where = "nodes[" + index + "]";
        if (!json.isObject()) {
            throw new IllegalArgumentException(where + ": expected an object");
        }
        try {
            if (integer(json, "node") != index) {
                throw new IllegalArgumentException("node: expected " + index + ", got " + json.get("node"));
            }
            String dir = text(json, "dir");
            // The directory is joined to DIR and deleted by init --force: never anything but nodeI.
            if (!NODE_DIR.matcher(dir).matches()) {
                throw new IllegalArgumentException("dir: expected node<I>, got '" + dir + "'");
            }
            return new Node(index, dir, text(json, "node_id"), text(json, "validator"), endpoint(json, "rpc"),
                    endpoint(json, "metrics"), text(json, "p2p"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "." + e.getMessage(), e);
        }
    }

    private static HostPort endpoint(JsonNode json, String field) {
        String value = text(json, field);
        try {
            return HostPort.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(field + ": expected a non-empty string");
        }
        return value.asText();
    }

    private static int integer(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException(field + ": expected an integer");
        }
        return value.intValue();
    }
}
