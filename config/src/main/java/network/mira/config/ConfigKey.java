package network.mira.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One node setting as operators meet it: its dotted name (the YAML path), the environment variable
 * and command-line flag that set it, its default and what it means. Docs and {@code --help} are
 * generated from these so the three spellings never drift apart.
 */
public final class ConfigKey {
    private static final String ENV_PREFIX = "MIRA_";

    private final String name;
    private final String envVar;
    private final String cliFlag;
    private final String defaultValue;
    private final String description;
    private final ValueType type;
    private final Function<NodeConfig, Object> getter;

    ConfigKey(String name, String cliFlag, String defaultValue, String description, ValueType type,
              Function<NodeConfig, Object> getter) {
        this.name = name;
        this.envVar = envVarFor(name);
        this.cliFlag = cliFlag;
        this.defaultValue = defaultValue;
        this.description = description;
        this.type = type;
        this.getter = getter;
    }

    /** The environment variable for a dotted key: upper case, '.' and '-' become '_', prefixed MIRA_. */
    public static String envVarFor(String dottedName) {
        return ENV_PREFIX + dottedName.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The long flag for a dotted key when it has no short form: {@code --} and '.' become '-'. */
    public static String flagFor(String dottedName) {
        return "--" + dottedName.replace('.', '-');
    }

    /** Dotted key, e.g. {@code rpc.port}; in YAML each dot is one level of nesting. */
    public String name() {
        return name;
    }

    /** e.g. {@code MIRA_RPC_PORT}. */
    public String envVar() {
        return envVar;
    }

    /** e.g. {@code --rpc-port}. */
    public String cliFlag() {
        return cliFlag;
    }

    /** The default as text, e.g. {@code 50051} or {@code <data-dir>/genesis.json}. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    ValueType type() {
        return type;
    }

    /** This key's value in {@code config}, typed as {@link #type()} parses it. */
    Object valueIn(NodeConfig config) {
        return getter.apply(config);
    }

    @Override
    public String toString() {
        return name;
    }
}
