package network.mira.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the node config from its sources, later ones winning: defaults, the YAML file, {@code MIRA_*}
 * environment variables, command-line overrides. Every value from every source is type-checked,
 * even one a later source overrides, so a broken file is reported rather than hidden. Errors name
 * the field, the source and the bad value.
 */
public final class NodeConfigLoader {
    private NodeConfigLoader() {}

    /**
     * @param yamlFile     the config file, if one was given; it must then exist
     * @param environment  the process environment; only the variables of {@link #environmentVariables()}
     *                     are read, other {@code MIRA_*} names (MIRA_HOME, ...) are left to scripts. An
     *                     empty variable counts as unset, as in the shell's {@code ${VAR:-default}}.
     * @param cliOverrides dotted key to text, e.g. {@code rpc.port -> 50052}
     * @throws ConfigException naming the field, where the bad value came from, and the value
     */
    public static NodeConfig load(Optional<Path> yamlFile, Map<String, String> environment,
                                  Map<String, String> cliOverrides) {
        Map<ConfigKey, Object> values = ConfigKeys.defaultValues();
        Map<String, String> origins = new HashMap<>();

        yamlFile.ifPresent(file -> {
            String source = YamlConfigSource.source(file);
            YamlConfigSource.read(file).forEach((key, text) -> set(values, origins, key, text, source));
        });
        for (ConfigKey key : ConfigKeys.ALL) {
            String text = environment.get(key.envVar());
            if (text != null && !text.isEmpty()) {
                set(values, origins, key, text, "environment variable " + key.envVar());
            }
        }
        // Sorted so that, with several bad flags, the same one is reported every time.
        new TreeMap<>(cliOverrides).forEach((name, text) -> {
            ConfigKey key = ConfigKeys.byName(name).orElseThrow(() -> new ConfigException(name,
                    "unknown configuration key (from flag " + ConfigKey.flagFor(name) + ")"));
            set(values, origins, key, text, "flag " + key.cliFlag());
        });

        try {
            return ConfigKeys.build(values);
        } catch (ConfigException e) {
            String origin = origins.get(e.field());
            throw origin == null ? e : e.from(origin);
        }
    }

    /** Every node setting, in documentation order. */
    public static List<ConfigKey> keys() {
        return ConfigKeys.ALL;
    }

    /** The {@code MIRA_*} variables the loader reads, in documentation order. */
    public static List<String> environmentVariables() {
        return ConfigKeys.ALL.stream().map(ConfigKey::envVar).toList();
    }

    /** The key with this dotted name, e.g. {@code rpc.port}. */
    public static Optional<ConfigKey> key(String dottedName) {
        return ConfigKeys.byName(dottedName);
    }

    /** The key set by this flag, e.g. {@code --rpc-port} or {@code --genesis}; lets the CLI map flags to keys. */
    public static Optional<ConfigKey> keyForFlag(String flag) {
        return ConfigKeys.ALL.stream().filter(k -> k.cliFlag().equals(flag)).findFirst();
    }

    private static void set(Map<ConfigKey, Object> values, Map<String, String> origins, ConfigKey key, String text,
                            String source) {
        if (text == null) {
            throw new ConfigException(key.name(), "has no value (from " + source + ")");
        }
        try {
            values.put(key, key.type().parse(text));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key.name(), e.getMessage() + " (from " + source + ")");
        }
        origins.put(key.name(), source);
    }
}
