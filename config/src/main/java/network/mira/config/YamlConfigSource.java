package network.mira.config;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the node's YAML file into raw text per key. The file mirrors the dotted keys as nested
 * maps ({@code rpc: {port: 50052}}). Anything the node does not know is refused, because a typo
 * that is silently ignored leaves the operator running with a default they did not choose.
 */
final class YamlConfigSource {
    /** The field path used for problems with the file as a whole. */
    static final String FIELD = "config-file";

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // "port:" with nothing after it is a forgotten value, not an empty string.
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build());

    private YamlConfigSource() {}

    /** @return the raw text of every key the file sets, in file order */
    static Map<ConfigKey, String> read(Path file) {
        JsonNode root = parse(file);
        Map<ConfigKey, String> values = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return values; // an empty file sets nothing
        }
        String source = source(file);
        if (!root.isObject()) {
            throw new ConfigException(FIELD, file + ": expected a mapping of settings at the top level, got "
                    + describe(root));
        }
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String name = entry.getKey();
            Optional<ConfigKey> key = ConfigKeys.byName(name);
            if (key.isPresent() && !name.contains(".")) {
                values.put(key.get(), text(key.get(), entry.getValue(), source));
            } else if (isSection(name)) {
                readSection(name, entry.getValue(), source, values);
            } else if (key.isPresent()) {
                // "rpc.port: 1" at the top level: one spelling per setting keeps files greppable.
                int dot = name.indexOf('.');
                throw new ConfigException(name, "dotted keys are not accepted in " + source + ", nest it instead: "
                        + name.substring(0, dot) + ": {" + name.substring(dot + 1) + ": ...}");
            } else {
                throw new ConfigException(name, "unknown key in " + source + "; known top-level keys: "
                        + String.join(", ", topLevelNames()));
            }
        }
        return values;
    }

    static String source(Path file) {
        return "file " + file;
    }

    private static void readSection(String section, JsonNode node, String source, Map<ConfigKey, String> values) {
        if (node.isNull()) {
            return; // "rpc:" with nothing under it sets nothing
        }
        if (!node.isObject()) {
            throw new ConfigException(section, "expected a mapping of " + String.join(", ", sectionKeys(section))
                    + ", got " + describe(node) + " (from " + source + ")");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = section + "." + entry.getKey();
            Optional<ConfigKey> key = ConfigKeys.byName(name);
            if (entry.getKey().contains(".") && (key.isPresent() || isSection(name))) {
                // Same rule as at the top level: "openai.url: x" inside a section is written nested.
                int dot = entry.getKey().indexOf('.');
                throw new ConfigException(name, "dotted keys are not accepted in " + source + ", nest it instead: "
                        + entry.getKey().substring(0, dot) + ": {" + entry.getKey().substring(dot + 1) + ": ...}");
            } else if (key.isPresent()) {
                values.put(key.get(), text(key.get(), entry.getValue(), source));
            } else if (isSection(name)) {
                readSection(name, entry.getValue(), source, values); // e.g. verification: {openai: {url: ...}}
            } else {
                throw new ConfigException(name, "unknown key in " + source + "; known keys under " + section + ": "
                        + String.join(", ", sectionKeys(section)));
            }
        }
    }

    /** A scalar's text; for a list-valued key also a YAML list, whose entries are joined with commas. */
    private static String text(ConfigKey key, JsonNode node, String source) {
        if (!node.isArray() || !key.type().isList()) {
            return scalar(key.name(), node, source);
        }
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            if (entry.isNull() || !entry.isValueNode()) {
                throw new ConfigException(key.name(), "list entry " + (i + 1) + " must be a single value, got "
                        + (entry.isNull() ? "nothing" : describe(entry)) + " (from " + source + ")");
            }
            entries.add(entry.asText());
        }
        return String.join(",", entries);
    }

    private static String scalar(String name, JsonNode node, String source) {
        if (node.isNull()) {
            throw new ConfigException(name, "has no value (from " + source + ")");
        }
        if (!node.isValueNode()) {
            throw new ConfigException(name, "expected a single value, got " + describe(node) + " (from " + source + ")");
        }
        return node.asText();
    }

    private static JsonNode parse(Path file) {
        try {
            return YAML.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(FIELD, file + ": file not found");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ConfigException(FIELD, file + ": not valid YAML" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(FIELD, file + ": cannot be read: " + e, e);
        }
    }

    private static boolean isSection(String name) {
        return ConfigKeys.ALL.stream().anyMatch(k -> k.name().startsWith(name + "."));
    }

    private static List<String> sectionKeys(String section) {
        return ConfigKeys.ALL.stream()
                .map(ConfigKey::name)
                .filter(n -> n.startsWith(section + "."))
                .map(n -> n.substring(section.length() + 1))
                .collect(Collectors.toList());
    }

    private static List<String> topLevelNames() {
        return ConfigKeys.ALL.stream()
                .map(k -> k.name().contains(".") ? k.name().substring(0, k.name().indexOf('.')) : k.name())
                .distinct()
                .collect(Collectors.toList());
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "'" + node.asText() + "'";
    }
}
