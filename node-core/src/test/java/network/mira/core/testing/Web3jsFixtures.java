package network.mira.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.mira.core.crypto.PublicKey;

/**
 * Transactions signed by @solana/web3.js (see fixtures/README.md), loaded from the test classpath
 * so the suite runs on a clean clone. The copy lives in src/test/resources/fixtures; the shared
 * original is compared by {@code Web3jsFixtureTest}.
 */
public final class Web3jsFixtures {
    public static final String RESOURCE = "/fixtures/solana-web3js-transactions.json";

    public record Key(String name, PublicKey publicKey, byte[] secretKey) {}

    public record Fixture(String name, String note, byte[] transaction, byte[] message, List<String> signatures) {}

    private static final JsonNode ROOT = load();

    private Web3jsFixtures() {}

    public static Map<String, Key> keys() {
        Map<String, Key> keys = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : ROOT.get("keys").properties()) {
            JsonNode secret = entry.getValue().get("secret_key_json");
            byte[] secretKey = new byte[secret.size()];
            for (int i = 0; i < secretKey.length; i++) {
                secretKey[i] = (byte) secret.get(i).asInt();
            }
            keys.put(entry.getKey(), new Key(entry.getKey(),
                    PublicKey.fromBase58(entry.getValue().get("pubkey").asText()), secretKey));
        }
        return keys;
    }

    public static PublicKey key(String name) {
        return keys().get(name).publicKey();
    }

    public static List<Fixture> transactions() {
        List<Fixture> fixtures = new ArrayList<>();
        for (JsonNode node : ROOT.get("transactions")) {
            List<String> signatures = new ArrayList<>();
            node.get("signatures").forEach(signature -> signatures.add(signature.asText()));
            fixtures.add(new Fixture(node.get("name").asText(), node.get("note").asText(),
                    Base64.getDecoder().decode(node.get("tx_base64").asText()),
                    Base64.getDecoder().decode(node.get("message_base64").asText()), List.copyOf(signatures)));
        }
        return fixtures;
    }

    public static Fixture transaction(String name) {
        return transactions().stream().filter(fixture -> fixture.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fixture named " + name));
    }

    private static JsonNode load() {
        try (InputStream in = Web3jsFixtures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
