package network.mira.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Transactions built and signed by Solana's own JavaScript library (@solana/web3.js), copied from
 * the shared fixtures into this module's test resources so the suite runs on a clean clone.
 */
final class Fixtures {
    static final String RESOURCE = "/fixtures/solana-web3js-transactions.json";
    private static final JsonNode ROOT = load();

    private Fixtures() {}

    record FixtureTransaction(String name, String note, String txBase64, String messageBase64,
                              List<String> signatures) {}

    static List<FixtureTransaction> transactions() {
        List<FixtureTransaction> out = new ArrayList<>();
        for (JsonNode tx : ROOT.get("transactions")) {
            List<String> signatures = new ArrayList<>();
            tx.get("signatures").forEach(signature -> signatures.add(signature.asText()));
            out.add(new FixtureTransaction(tx.get("name").asText(), tx.get("note").asText(),
                    tx.get("tx_base64").asText(), tx.get("message_base64").asText(), List.copyOf(signatures)));
        }
        return out;
    }

    static FixtureTransaction transaction(String name) {
        return transactions().stream().filter(tx -> tx.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fixture transaction " + name));
    }

    /** Base58 public key of a fixture key ("alice", "bob", "carol", "newacct"). */
    static String pubkey(String name) {
        return ROOT.get("keys").get(name).get("pubkey").asText();
    }

    /** The key's Solana keypair file content (a JSON array of 64 numbers). */
    static String keypairFileJson(String name) {
        return ROOT.get("keys").get(name).get("secret_key_json").toString();
    }

    private static JsonNode load() {
        try (InputStream in = Fixtures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
