package network.mira.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeConfigTest {
    private static final NodeConfig D = NodeConfig.defaults();

    @Test
    void defaultsAreTheDevnetValues() {
        assertThat(D.dataDir()).isEqualTo(Path.of("./.mira/devnet"));
        assertThat(D.rpc()).isEqualTo(new NodeConfig.Rpc("127.0.0.1", 50051, 4_194_304));
        assertThat(D.metrics()).isEqualTo(new NodeConfig.Metrics("127.0.0.1", 9464));
        assertThat(D.p2p()).isEqualTo(new NodeConfig.P2p("127.0.0.1", 7700));
        assertThat(D.consensus()).isEqualTo(new NodeConfig.Consensus(400, 2000));
        assertThat(D.consensus().timeouts()).isEqualTo(new NodeConfig.Timeouts(3000, 500, 1000, 500, 1000, 500));
        assertThat(D.mempool().maxTransactions()).isEqualTo(50_000);
        assertThat(D.block().maxTransactions()).isEqualTo(10_000);
        assertThat(D.execution().workers()).isZero();
        assertThat(D.faucet()).isEqualTo(new NodeConfig.Faucet(10_000_000_000L, 1_000));
        assertThat(D.log()).isEqualTo(new NodeConfig.Log(NodeConfig.LogFormat.TEXT, NodeConfig.LogLevel.INFO));
    }

    @Test
    void optionalPathsDefaultIntoTheDataDir() {
        assertThat(D.genesisFile()).isEmpty();
        assertThat(D.genesisPath()).isEqualTo(Path.of("./.mira/devnet/genesis.json"));
        assertThat(D.validatorKeyPath()).isEqualTo(Path.of("./.mira/devnet/validator-key.json"));
        assertThat(D.nodeKeyPath()).isEqualTo(Path.of("./.mira/devnet/node-key.json"));
    }

    @Test
    void configuredPathsAreTakenAsGiven() {
        NodeConfig c = withPaths(Path.of("/data"), Optional.of(Path.of("/etc/mira/genesis.json")),
                Optional.of(Path.of("keys/v.json")));
        assertThat(c.genesisPath()).isEqualTo(Path.of("/etc/mira/genesis.json"));
        assertThat(c.validatorKeyPath()).isEqualTo(Path.of("keys/v.json"));
    }

    @Test
    void portsOutsideTheRangeAreRefused() {
        assertThatThrownBy(() -> new NodeConfig.Rpc("127.0.0.1", 70000, 1))
                .isInstanceOf(ConfigException.class)
                .hasMessage("rpc.port: must be between 1 and 65535, or 0 for any free port, got 70000")
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("rpc.port");
        assertThatThrownBy(() -> new NodeConfig.Metrics("127.0.0.1", -1))
                .hasMessage("metrics.port: must be between 1 and 65535, or 0 for any free port, got -1");
        assertThatThrownBy(() -> new NodeConfig.P2p("127.0.0.1", 65536))
                .hasMessage("p2p.port: must be between 1 and 65535, or 0 for any free port, got 65536");
    }

    @Test
    void portZeroAndTheEdgesAreAccepted() {
        assertThat(new NodeConfig.Rpc("h", 0, 1).port()).isZero();
        assertThat(new NodeConfig.Rpc("h", 1, 1).port()).isEqualTo(1);
        assertThat(new NodeConfig.Rpc("h", 65535, 1).port()).isEqualTo(65535);
    }

    @Test
    void thePortsMustDifferUnlessZero() {
        assertThatThrownBy(() -> withPorts(50051, 50051, 7700))
                .hasMessage("metrics.port: must differ from rpc.port, both are 50051");
        assertThatThrownBy(() -> withPorts(50051, 9464, 50051))
                .hasMessage("p2p.port: must differ from rpc.port, both are 50051");
        assertThatThrownBy(() -> withPorts(50051, 9464, 9464))
                .hasMessage("p2p.port: must differ from metrics.port, both are 9464");
        assertThat(withPorts(0, 0, 0).rpc().port()).isZero();
    }

    @Test
    void hostsMustNotBeEmpty() {
        assertThatThrownBy(() -> new NodeConfig.Rpc("", 1, 1)).hasMessage("rpc.host: must not be empty");
        assertThatThrownBy(() -> new NodeConfig.Metrics(" ", 1)).hasMessage("metrics.host: must not be empty");
        assertThatThrownBy(() -> new NodeConfig.P2p(null, 1)).hasMessage("p2p.host: is required");
    }

    @Test
    void intervalsArePositiveAndTheHeartbeatIsNotFaster() {
        assertThatThrownBy(() -> new NodeConfig.Consensus(0, 2000))
                .hasMessage("consensus.block-interval-ms: must be positive, got 0");
        assertThatThrownBy(() -> new NodeConfig.Consensus(400, -5))
                .hasMessage("consensus.empty-block-interval-ms: must be positive, got -5");
        assertThatThrownBy(() -> new NodeConfig.Consensus(400, 399))
                .hasMessage("consensus.empty-block-interval-ms: must be at least consensus.block-interval-ms (400), got 399");
        assertThat(new NodeConfig.Consensus(400, 400).emptyBlockIntervalMs()).isEqualTo(400);
    }

    @Test
    void boundsArePositive() {
        assertThatThrownBy(() -> new NodeConfig.Rpc("h", 1, 0))
                .hasMessage("rpc.max-inbound-message-bytes: must be positive, got 0");
        assertThatThrownBy(() -> new NodeConfig.Mempool(0))
                .hasMessage("mempool.max-transactions: must be positive, got 0");
        assertThatThrownBy(() -> new NodeConfig.BlockLimits(-1))
                .hasMessage("block.max-transactions: must be positive, got -1");
        assertThatThrownBy(() -> new NodeConfig.Faucet(0, 1000))
                .hasMessage("faucet.max-lamports-per-request: must be positive, got 0");
        assertThatThrownBy(() -> new NodeConfig.Faucet(1, -1))
                .hasMessage("faucet.cooldown-ms: must not be negative, got -1");
        assertThat(new NodeConfig.Faucet(1, 0).cooldownMs()).isZero();
    }

    @Test
    void executionWorkersAreZeroToTwoHundredFiftySix() {
        assertThatThrownBy(() -> new NodeConfig.Execution(-1))
                .isInstanceOf(ConfigException.class)
                .hasMessage("execution.workers: must be between 0 and 256, got -1");
        assertThatThrownBy(() -> new NodeConfig.Execution(257))
                .hasMessage("execution.workers: must be between 0 and 256, got 257");
        assertThat(new NodeConfig.Execution(256).workerThreads()).isEqualTo(256);
        assertThat(new NodeConfig.Execution(1).workerThreads()).isEqualTo(1);
    }

    @Test
    void zeroExecutionWorkersMeansOnePerProcessor() {
        assertThat(new NodeConfig.Execution(0).workerThreads())
                .isEqualTo(Math.min(Runtime.getRuntime().availableProcessors(), 256)).isPositive();
    }

    @Test
    void dataDirMustBeSet() {
        assertThatThrownBy(() -> withPaths(Path.of(""), Optional.empty(), Optional.empty()))
                .hasMessage("data-dir: must not be empty");
        assertThatThrownBy(() -> withPaths(null, Optional.empty(), Optional.empty()))
                .hasMessage("data-dir: is required");
    }

    @Test
    void logSettingsAreRequired() {
        assertThatThrownBy(() -> new NodeConfig.Log(null, NodeConfig.LogLevel.INFO)).hasMessage("log.format: is required");
    }

    private static NodeConfig withPorts(int rpc, int metrics, int p2p) {
        return new NodeConfig(D.dataDir(), D.genesisFile(), D.validatorKeyFile(),
                new NodeConfig.Rpc("127.0.0.1", rpc, 1024), new NodeConfig.Metrics("127.0.0.1", metrics),
                new NodeConfig.P2p("127.0.0.1", p2p), D.consensus(), D.mempool(), D.block(), D.execution(), D.faucet(),
                D.log());
    }

    private static NodeConfig withPaths(Path dataDir, Optional<Path> genesis, Optional<Path> key) {
        return new NodeConfig(dataDir, genesis, key, D.rpc(), D.metrics(), D.p2p(), D.consensus(), D.mempool(),
                D.block(), D.execution(), D.faucet(), D.log());
    }
}
