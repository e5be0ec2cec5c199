package network.mira.node.daemon;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import network.mira.config.ConfigException;
import network.mira.config.ConfigKey;
import network.mira.config.NodeConfig;
import network.mira.config.NodeConfigLoader;
import network.mira.node.cli.GenesisParameters;
import network.mira.settlement.ledger.LedgerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mira-node start}: loads the configuration (defaults, YAML, MIRA_* environment, flags),
 * prepares a devnet on first use with {@code --dev}, starts the node and runs until SIGTERM or
 * Ctrl-C. Every config key gets its flag from the config module's key list, so flags, environment
 * variables and docs cannot drift apart.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start the validator node and run until SIGTERM / Ctrl-C.")
public final class StartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dev", description = "Single-validator devnet: create keys and a genesis with a funded "
            + "faucet in the data dir on first start.")
    boolean dev;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    Path configFile;

    @Option(names = "--genesis-param", paramLabel = "NAME=VALUE",
            description = "With --dev: a chain parameter for the devnet genesis (repeatable), e.g. epoch_blocks=20; "
                    + "used only when the genesis is first written. See docs/staking.md.")
    List<String> genesisParams;

    /** Adds one option per configuration key to the {@code start} command. */
    public static CommandLine withConfigOptions(CommandLine start) {
        CommandSpec spec = start.getCommandSpec();
        for (ConfigKey key : NodeConfigLoader.keys()) {
            spec.addOption(OptionSpec.builder(key.cliFlag())
                    .paramLabel("VALUE")
                    .type(String.class)
                    .description(key.description() + " (env " + key.envVar() + ", default " + key.defaultValue() + ")")
                    .build());
        }
        return start;
    }

    @Override
    public Integer call() {
        NodeConfig config;
        try {
            config = NodeConfigLoader.load(Optional.ofNullable(configFile), System.getenv(), flagOverrides());
        } catch (ConfigException e) {
            return fail("invalid configuration: " + e.getMessage());
        }
        LoggingSetup.apply(config.log().format().configName(), config.log().level().name());
        java.util.SortedMap<String, Long> parameters;
        try {
            parameters = GenesisParameters.parse(genesisParams);
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        if (!parameters.isEmpty() && !dev) {
            return fail("--genesis-param only applies with --dev (a testnet takes them at 'mira testnet init')");
        }
        try {
            if (dev) {
                DevnetBootstrap.ensure(config.dataDir(), config.genesisPath(), config.validatorKeyPath(),
                        System.currentTimeMillis(), parameters);
            }
        } catch (Exception e) {
            return fail("cannot prepare the devnet in " + config.dataDir() + ": " + e.getMessage());
        }
        return run(config);
    }

    /**
     * SIGTERM and SIGINT start an orderly stop on the main thread, which then exits 0; the
     * shutdown hook still closes the node on any other way out of the JVM.
     */
    private Integer run(NodeConfig config) {
        MiraNode node = new MiraNode(config);
        CountDownLatch stopRequested = new CountDownLatch(1);
        StopSignals.install(stopRequested::countDown);
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "shutdown"));
        try {
            node.start();
        } catch (StartupException | LedgerException | ConfigException e) {
            return fail(e.getMessage());
        }
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        node.close();
        return 0;
    }

    private Map<String, String> flagOverrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (ConfigKey key : NodeConfigLoader.keys()) {
            if (parsed.hasMatchedOption(key.cliFlag())) {
                overrides.put(key.name(), parsed.matchedOptionValue(key.cliFlag(), ""));
            }
        }
        return overrides;
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("mira-node: error: " + message);
        spec.commandLine().getErr().flush();
        return 1;
    }
}
