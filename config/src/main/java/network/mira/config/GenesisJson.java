package network.mira.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import network.mira.core.crypto.PublicKey;

/**
 * The genesis file: JSON with snake_case fields (see docs/configuration.md). Reading is strict:
 * unknown or duplicate fields, wrong types and trailing content are refused, and every error names
 * the field. Writing is atomic, so a crash never leaves half a genesis behind.
 */
public final class GenesisJson {
    private static final String ROOT = "genesis";
    private static final List<String> TOP_FIELDS = List.of("chain_id", "genesis_time_ms", "lamports_per_signature",
            "blockhash_max_age_blocks", "compute_unit_limit_per_instruction", "max_compute_units_per_transaction",
            "max_compute_units_per_block", "max_compute_units_per_account_per_block", "faucet", "accounts",
            "validators", "parameters");
    private static final List<String> FAUCET_FIELDS = List.of("enabled", "address");
    private static final List<String> ACCOUNT_FIELDS = List.of("address", "lamports", "owner", "data_base64",
            "executable");
    private static final List<String> VALIDATOR_FIELDS = List.of("identity", "stake");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private GenesisJson() {}

    /** @throws ConfigException "genesis: &lt;file&gt;: &lt;field&gt;: &lt;problem&gt;", the field error as its cause */
    public static Genesis read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(ROOT, file + ": file not found");
        } catch (IOException e) {
            throw new ConfigException(ROOT, file + ": cannot be read: " + e, e);
        }
        try {
            return parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (ConfigException e) {
            String inner = e.field().equals(ROOT) ? e.problem()
                    : e.field().substring(ROOT.length() + 1) + ": " + e.problem();
            throw new ConfigException(ROOT, file + ": " + inner, e);
        }
    }

    /** @throws ConfigException whose field is the JSON path, e.g. {@code genesis.accounts[2].lamports} */
    public static Genesis parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ConfigException(ROOT, "not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
        return fromTree(root);
    }

    /** Pretty-printed, fields in the documented order, ending with a newline. */
    public static String toJson(Genesis genesis) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(genesis)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** Writes to a temporary file beside {@code file}, syncs it, then moves it into place. */
    public static void write(Path file, Genesis genesis) throws IOException {
        byte[] bytes = toJson(genesis).getBytes(StandardCharsets.UTF_8);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Genesis fromTree(JsonNode root) {
        JsonFields top = JsonFields.of(root, ROOT, TOP_FIELDS);
        // Read in documented order, so the first problem reported is the first one in the file's spec.
        String chainId = top.string("chain_id");
        long genesisTimeMs = top.integer("genesis_time_ms");
        long lamportsPerSignature = top.integer("lamports_per_signature");
        long maxAge = top.integer("blockhash_max_age_blocks");
        GenesisRules.blockhashMaxAge(top.field("blockhash_max_age_blocks"), maxAge);
        Genesis.ComputeLimits compute = compute(top);
        Optional<Genesis.GenesisFaucet> faucet = top.optional("faucet").map(node -> {
            JsonFields f = JsonFields.of(node, top.field("faucet"), FAUCET_FIELDS);
            return new Genesis.GenesisFaucet(f.bool("enabled"), f.address("address"));
        });
        List<Genesis.GenesisAccount> accounts = new ArrayList<>();
        List<JsonNode> accountNodes = top.array("accounts");
        for (int i = 0; i < accountNodes.size(); i++) {
            accounts.add(account(JsonFields.of(accountNodes.get(i), top.field("accounts") + "[" + i + "]",
                    ACCOUNT_FIELDS)));
        }
        List<Genesis.GenesisValidator> validators = new ArrayList<>();
        List<JsonNode> validatorNodes = top.array("validators");
        for (int i = 0; i < validatorNodes.size(); i++) {
            JsonFields v = JsonFields.of(validatorNodes.get(i), top.field("validators") + "[" + i + "]",
                    VALIDATOR_FIELDS);
            validators.add(new Genesis.GenesisValidator(v.address("identity"), v.integer("stake")));
        }
        java.util.SortedMap<String, Long> parameters = new java.util.TreeMap<>();
        top.optional("parameters").ifPresent(node -> {
            String path = top.field("parameters");
            if (!node.isObject()) {
                throw new ConfigException(path, "must be an object of name: integer");
            }
            node.fields().forEachRemaining(entry -> {
                if (!entry.getValue().canConvertToExactIntegral() || !entry.getValue().canConvertToLong()) {
                    throw new ConfigException(path + "." + entry.getKey(), "must be an integer, got "
                            + entry.getValue());
                }
                parameters.put(entry.getKey(), entry.getValue().longValue());
            });
        });
        return new Genesis(chainId, genesisTimeMs, lamportsPerSignature, (int) maxAge, compute, faucet, accounts,
                validators, parameters);
    }

    /** Optional, so genesis files written before the limits existed still load (with Solana's values). */
    private static Genesis.ComputeLimits compute(JsonFields top) {
        Genesis.ComputeLimits defaults = Genesis.ComputeLimits.DEFAULTS;
        return new Genesis.ComputeLimits(
                top.integer("compute_unit_limit_per_instruction", defaults.computeUnitLimitPerInstruction()),
                top.integer("max_compute_units_per_transaction", defaults.maxComputeUnitsPerTransaction()),
                top.integer("max_compute_units_per_block", defaults.maxComputeUnitsPerBlock()),
                top.integer("max_compute_units_per_account_per_block", defaults.maxComputeUnitsPerAccountPerBlock()));
    }

    private static Genesis.GenesisAccount account(JsonFields a) {
        PublicKey owner = a.optional("owner").map(n -> JsonFields.asAddress(n, a.field("owner")))
                .orElse(Genesis.SYSTEM_PROGRAM);
        byte[] data = a.optional("data_base64").map(n -> base64(n, a.field("data_base64"))).orElse(new byte[0]);
        return new Genesis.GenesisAccount(a.address("address"), a.integer("lamports"), owner, data,
                a.bool("executable", false));
    }

    private static byte[] base64(JsonNode node, String field) {
        String text = JsonFields.asString(node, field);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field, "not valid base64: " + e.getMessage());
        }
    }

    private static ObjectNode toTree(Genesis genesis) {
        ObjectNode root = JSON.createObjectNode();
        root.put("chain_id", genesis.chainId());
        root.put("genesis_time_ms", genesis.genesisTimeMs());
        root.put("lamports_per_signature", genesis.lamportsPerSignature());
        root.put("blockhash_max_age_blocks", genesis.blockhashMaxAgeBlocks());
        root.put("compute_unit_limit_per_instruction", genesis.compute().computeUnitLimitPerInstruction());
        root.put("max_compute_units_per_transaction", genesis.compute().maxComputeUnitsPerTransaction());
        root.put("max_compute_units_per_block", genesis.compute().maxComputeUnitsPerBlock());
        root.put("max_compute_units_per_account_per_block", genesis.compute().maxComputeUnitsPerAccountPerBlock());
        genesis.faucet().ifPresent(f -> root.putObject("faucet")
                .put("enabled", f.enabled())
                .put("address", f.address().toBase58()));
        ArrayNode accounts = root.putArray("accounts");
        for (Genesis.GenesisAccount account : genesis.accounts()) {
            ObjectNode a = accounts.addObject();
            a.put("address", account.address().toBase58());
            a.put("lamports", account.lamports());
            a.put("owner", account.owner().toBase58());
            if (account.dataLength() > 0) {
                a.put("data_base64", Base64.getEncoder().encodeToString(account.data()));
            }
            a.put("executable", account.executable());
        }
        ArrayNode validators = root.putArray("validators");
        for (Genesis.GenesisValidator validator : genesis.validators()) {
            validators.addObject()
                    .put("identity", validator.identity().toBase58())
                    .put("stake", validator.stake());
        }
        if (!genesis.parameters().isEmpty()) {
            ObjectNode parameters = root.putObject("parameters");
            genesis.parameters().forEach(parameters::put);
        }
        return root;
    }
}
