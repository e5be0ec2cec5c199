package network.mira.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import network.mira.core.crypto.PublicKey;

/**
 * Strict, typed access to one JSON object, naming every field by its full path. Unknown fields are
 * refused up front; numbers must be integers that fit, strings must be strings. Jackson's own
 * coercions (a string "5" for a number, 1.0 for 1) are deliberately not used: a genesis must mean
 * exactly one thing.
 */
final class JsonFields {
    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** @throws ConfigException if {@code node} is not an object or has a field outside {@code known} */
    static JsonFields of(JsonNode node, String path, List<String> known) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(path, "expected a JSON object, got " + describe(node));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ConfigException(path + "." + name, "unknown field; known fields: " + String.join(", ", known));
            }
        }
        return new JsonFields(node, path);
    }

    String field(String name) {
        return path + "." + name;
    }

    /** Absent and explicit null both count as not given. */
    Optional<JsonNode> optional(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    JsonNode required(String name) {
        return optional(name).orElseThrow(() -> new ConfigException(field(name), "is required"));
    }

    String string(String name) {
        return asString(required(name), field(name));
    }

    long integer(String name) {
        return asLong(required(name), field(name));
    }

    long integer(String name, long absent) {
        return optional(name).map(v -> asLong(v, field(name))).orElse(absent);
    }

    boolean bool(String name) {
        return asBoolean(required(name), field(name));
    }

    boolean bool(String name, boolean absent) {
        return optional(name).map(v -> asBoolean(v, field(name))).orElse(absent);
    }

    PublicKey address(String name) {
        return asAddress(required(name), field(name));
    }

    List<JsonNode> array(String name) {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw new ConfigException(field(name), "expected a JSON array, got " + describe(value));
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    static String asString(JsonNode value, String field) {
        if (!value.isTextual()) {
            throw new ConfigException(field, "expected a string, got " + describe(value));
        }
        return value.textValue();
    }

    static long asLong(JsonNode value, String field) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ConfigException(field, "expected an integer between " + Long.MIN_VALUE + " and "
                    + Long.MAX_VALUE + ", got " + describe(value));
        }
        return value.longValue();
    }

    static boolean asBoolean(JsonNode value, String field) {
        if (!value.isBoolean()) {
            throw new ConfigException(field, "expected true or false, got " + describe(value));
        }
        return value.booleanValue();
    }

    static PublicKey asAddress(JsonNode value, String field) {
        String text = asString(value, field);
        try {
            return PublicKey.fromBase58(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field, "not a valid base58 address: " + e.getMessage());
        }
    }

    /** The JSON text of a value, shortened: error messages quote it, and data can be megabytes. */
    static String describe(JsonNode value) {
        if (value == null) {
            return "nothing";
        }
        String text = value.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
