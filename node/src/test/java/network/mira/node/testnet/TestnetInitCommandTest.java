package network.mira.node.testnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.mira.config.Genesis;
import network.mira.config.GenesisJson;
import network.mira.config.NodeConfig;
import network.mira.config.NodeConfigLoader;
import network.mira.config.PeerAddress;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.KeypairFile;
import network.mira.core.crypto.PublicKey;
import network.mira.node.cli.ExitCodes;
import network.mira.sessions.SessionParameters;
import network.mira.settlement.staking.StakingParameters;
import network.mira.verification.program.VerificationParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mira testnet init} and the refusals of the other testnet commands; no node processes. */
class TestnetInitCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final TestnetCli cli = new TestnetCli(Map.of());

    @Test
    void initWritesKeysGenesisAndConfigsThatAgree() throws IOException {
        Path dir = work.resolve("net");
        TestnetCli.Result result = cli.run("testnet", "init", "--validators", "4", "--out", dir.toString(),
                "--base-port", "31000", "--json");
        assertThat(result.exitCode()).as(result.toString()).isZero();

        Genesis genesis = GenesisJson.read(dir.resolve("genesis.json"));
        assertThat(genesis.chainId()).isEqualTo("mira-testnet");
        assertThat(genesis.validators()).hasSize(4).extracting(Genesis.GenesisValidator::stake).containsOnly(
                genesis.validators().get(0).stake());
        KeyPair faucet = KeypairFile.read(dir.resolve("node0/faucet-key.json"));
        assertThat(genesis.enabledFaucetAddress()).contains(faucet.publicKey());

        List<PublicKey> nodeIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodeIds.add(KeypairFile.read(dir.resolve("node" + i + "/node-key.json")).publicKey());
        }
        Set<Integer> ports = new HashSet<>();
        JsonNode manifest = JSON.readTree(dir.resolve("testnet.json").toFile());
        assertThat(manifest.get("genesis_hash").asText()).isEqualTo(genesis.hash().toBase58());
        assertThat(manifest.get("layout").asText()).isEqualTo("local");
        for (int i = 0; i < 4; i++) {
            Path nodeDir = dir.resolve("node" + i);
            KeyPair validator = KeypairFile.read(nodeDir.resolve("validator-key.json"));
            assertThat(genesis.validators().get(i).identity()).isEqualTo(validator.publicKey());
            assertThat(nodeIds.get(i)).isNotEqualTo(validator.publicKey());
            assertOwnerOnly(nodeDir.resolve("validator-key.json"));
            assertOwnerOnly(nodeDir.resolve("node-key.json"));

            NodeConfig config = NodeConfigLoader.load(Optional.of(nodeDir.resolve("config.yaml")), Map.of(), Map.of());
            assertThat(config.dataDir()).isEqualTo(nodeDir);
            assertThat(config.genesisPath()).isEqualTo(dir.resolve("genesis.json"));
            assertThat(config.validatorKeyPath()).isEqualTo(nodeDir.resolve("validator-key.json"));
            assertThat(config.nodeKeyPath()).isEqualTo(nodeDir.resolve("node-key.json"));
            assertThat(List.of(config.rpc().host(), config.metrics().host(), config.p2p().host())).containsOnly("127.0.0.1");
            assertThat(config.rpc().port()).isEqualTo(31000 + i);
            assertThat(config.metrics().port()).isEqualTo(31100 + i);
            assertThat(config.p2p().port()).isEqualTo(31200 + i);
            ports.addAll(List.of(config.rpc().port(), config.metrics().port(), config.p2p().port()));

            List<PeerAddress> expectedPeers = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                if (j != i) {
                    expectedPeers.add(new PeerAddress(nodeIds.get(j), "127.0.0.1", 31200 + j));
                }
            }
            assertThat(config.p2p().persistentPeers()).isEqualTo(expectedPeers);

            JsonNode entry = manifest.get("nodes").get(i);
            assertThat(entry.get("node").asInt()).isEqualTo(i);
            assertThat(entry.get("dir").asText()).isEqualTo("node" + i);
            assertThat(entry.get("rpc").asText()).isEqualTo("127.0.0.1:" + (31000 + i));
            assertThat(entry.get("metrics").asText()).isEqualTo("127.0.0.1:" + (31100 + i));
            assertThat(entry.get("p2p").asText()).isEqualTo("127.0.0.1:" + (31200 + i));
            assertThat(entry.get("node_id").asText()).isEqualTo(nodeIds.get(i).toBase58());
            assertThat(entry.get("validator").asText()).isEqualTo(validator.publicKey().toBase58());
            assertThat(result.json().get("nodes").get(i).get("rpc").asText()).isEqualTo("127.0.0.1:" + (31000 + i));
        }
        assertThat(ports).hasSize(12);
        assertThat(Files.exists(dir.resolve("node1/faucet-key.json"))).isFalse();
    }

    @Test
    void aSingleValidatorHasNoPeers() throws IOException {
        Path dir = work.resolve("solo");
        TestnetCli.Result result = cli.run("testnet", "init", "--validators", "1", "--out", dir.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("node 0: rpc 127.0.0.1:24000").contains("mira testnet start " + dir);
        NodeConfig config = NodeConfigLoader.load(Optional.of(dir.resolve("node0/config.yaml")), Map.of(), Map.of());
        assertThat(config.p2p().persistentPeers()).isEmpty();
        assertThat(GenesisJson.read(dir.resolve("genesis.json")).validators()).hasSize(1);
    }

    @Test
    void theDockerLayoutUsesContainerPathsAndServiceNames() throws IOException {
        Path dir = work.resolve("docker");
        TestnetCli.Result result = cli.run("testnet", "init", "--validators", "4", "--out", dir.toString(),
                "--docker", "--chain-id", "mira-docker");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<PublicKey> nodeIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodeIds.add(KeypairFile.read(dir.resolve("node" + i + "/node-key.json")).publicKey());
        }
        for (int i = 0; i < 4; i++) {
            NodeConfig config = NodeConfigLoader.load(Optional.of(dir.resolve("node" + i + "/config.yaml")), Map.of(),
                    Map.of());
            assertThat(config.dataDir()).isEqualTo(Path.of("/mira/node"));
            assertThat(config.genesisPath()).isEqualTo(Path.of("/mira/genesis.json"));
            assertThat(config.validatorKeyPath()).isEqualTo(Path.of("/mira/node/validator-key.json"));
            assertThat(config.nodeKeyPath()).isEqualTo(Path.of("/mira/node/node-key.json"));
            assertThat(List.of(config.rpc().host(), config.metrics().host(), config.p2p().host())).containsOnly("0.0.0.0");
            assertThat(List.of(config.rpc().port(), config.metrics().port(), config.p2p().port()))
                    .containsExactly(50051, 9464, 7700);
            int self = i;
            assertThat(config.p2p().persistentPeers()).hasSize(3).allSatisfy(peer -> {
                int j = Integer.parseInt(peer.host().substring("node".length()));
                assertThat(j).isNotEqualTo(self);
                assertThat(peer.id()).isEqualTo(nodeIds.get(j));
                assertThat(peer.port()).isEqualTo(7700);
            });
        }
        JsonNode manifest = JSON.readTree(dir.resolve("testnet.json").toFile());
        assertThat(manifest.get("layout").asText()).isEqualTo("docker");
        assertThat(manifest.get("chain_id").asText()).isEqualTo("mira-docker");
        assertThat(manifest.get("nodes").get(3).get("rpc").asText()).isEqualTo("127.0.0.1:24003");
        assertThat(manifest.get("nodes").get(3).get("p2p").asText()).isEqualTo("node3:7700");

        TestnetCli.Result start = cli.run("testnet", "start", dir.toString());
        assertThat(start.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(start.stderr()).contains("was made with --docker");
    }

    @Test
    void aNonEmptyDirectoryIsRefusedUnlessForced() throws IOException {
        Path dir = work.resolve("net");
        assertThat(cli.run("testnet", "init", "--validators", "2", "--out", dir.toString()).exitCode()).isZero();
        String genesis = Files.readString(dir.resolve("genesis.json"));
        Files.writeString(dir.resolve("notes.txt"), "mine");

        TestnetCli.Result again = cli.run("testnet", "init", "--validators", "2", "--out", dir.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(again.stderr()).isEqualTo("error: " + dir + " is not empty; choose a new directory, or pass --force "
                + "to replace the testnet in it\n");
        assertThat(Files.readString(dir.resolve("genesis.json"))).isEqualTo(genesis);

        Files.createDirectories(dir.resolve("node1/db"));
        Files.writeString(dir.resolve("node1/db/CURRENT"), "old chain");
        TestnetCli.Result forced = cli.run("testnet", "init", "--validators", "1", "--out", dir.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(Files.readString(dir.resolve("genesis.json"))).isNotEqualTo(genesis);
        assertThat(dir.resolve("node1")).doesNotExist();
        assertThat(dir.resolve("notes.txt")).hasContent("mine");

        Path file = work.resolve("file");
        Files.writeString(file, "x");
        assertThat(cli.run("testnet", "init", "--validators", "1", "--out", file.toString()).stderr())
                .contains("exists and is not a directory");
    }

    @Test
    void genesisParametersAreCheckedAndWrittenIntoTheSharedGenesis() throws IOException {
        Path dir = work.resolve("params");
        TestnetCli.Result result = cli.run("testnet", "init", "--validators", "2", "--out", dir.toString(),
                "--genesis-param", "epoch_blocks=20", "--genesis-param", "unbonding_epochs=2",
                "--genesis-param", "verification_commit_blocks=6");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        // Every parameter is written (the chain runs staking with exactly these), the given ones as given.
        Map<String, Long> written = GenesisJson.read(dir.resolve("genesis.json")).parameters();
        assertThat(written).containsEntry("epoch_blocks", 20L).containsEntry("unbonding_epochs", 2L)
                .containsEntry("slash_double_sign_bps", StakingParameters.defaults().slashDoubleSignBps())
                .containsEntry(SessionParameters.MAX_LIFETIME_MS, SessionParameters.defaults().maxLifetimeMs())
                .containsEntry("verification_commit_blocks", 6L)
                .containsEntry("verification_reveal_blocks", VerificationParameters.defaults().revealBlocks());
        java.util.List<String> every = new java.util.ArrayList<>(StakingParameters.names());
        every.addAll(SessionParameters.names());
        every.addAll(VerificationParameters.names());
        assertThat(written).containsOnlyKeys(every);

        Path refused = work.resolve("refused");
        TestnetCli.Result unknown = cli.run("testnet", "init", "--validators", "2", "--out", refused.toString(),
                "--genesis-param", "epoch_blokcs=20");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.stderr()).contains("unknown genesis parameter 'epoch_blokcs'");
        TestnetCli.Result outOfRange = cli.run("testnet", "init", "--validators", "2", "--out", refused.toString(),
                "--genesis-param", "slash_double_sign_bps=20000");
        assertThat(outOfRange.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outOfRange.stderr()).contains("slash_double_sign_bps");
        TestnetCli.Result verificationOutOfRange = cli.run("testnet", "init", "--validators", "2", "--out",
                refused.toString(), "--genesis-param", "verification_slash_guessing_bps=20000");
        assertThat(verificationOutOfRange.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(verificationOutOfRange.stderr()).contains("verification_slash_guessing_bps");
        TestnetCli.Result malformed = cli.run("testnet", "init", "--validators", "2", "--out", refused.toString(),
                "--genesis-param", "epoch_blocks");
        assertThat(malformed.stderr()).contains("'epoch_blocks' is not NAME=VALUE");
        assertThat(refused).doesNotExist();
    }

    @Test
    void badArgumentsAreUsageErrorsAndWriteNothing() {
        Path dir = work.resolve("net");
        for (String[] arguments : List.of(
                new String[] {"--validators", "0"}, new String[] {"--validators", "33"},
                new String[] {"--validators", "4", "--base-port", "65400"},
                new String[] {"--validators", "4", "--base-port", "0"},
                new String[] {"--validators", "2", "--chain-id", "Not_Valid"})) {
            List<String> all = new ArrayList<>(List.of("testnet", "init", "--out", dir.toString()));
            all.addAll(List.of(arguments));
            TestnetCli.Result result = cli.run(all.toArray(String[]::new));
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.stderr()).startsWith("error: --").contains("mira testnet init --help");
        }
        assertThat(cli.run("testnet", "init", "--out", dir.toString(), "--validators", "2", "--chain-id", "Not_Valid")
                .stderr()).startsWith("error: --chain-id: must match [a-z0-9-]{1,48}, got 'Not_Valid'");
        assertThat(dir).doesNotExist();
        assertThat(cli.run("testnet").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void theOtherCommandsCheckTheDirectoryAndTheNodeIndex() throws IOException {
        Path missing = work.resolve("missing");
        TestnetCli.Result noDir = cli.run("testnet", "status", missing.toString());
        assertThat(noDir.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(noDir.stderr()).isEqualTo("error: " + missing + " does not exist (create a testnet with "
                + "'mira testnet init --out " + missing + "')\n");
        Files.createDirectories(work.resolve("empty"));
        assertThat(cli.run("testnet", "start", work.resolve("empty").toString()).stderr())
                .contains("is not a testnet directory").contains("testnet.json does not exist");

        Path dir = work.resolve("net");
        assertThat(cli.run("testnet", "init", "--validators", "2", "--out", dir.toString()).exitCode()).isZero();
        TestnetCli.Result noNode = cli.run("testnet", "kill", dir.toString());
        assertThat(noNode.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noNode.stderr()).contains("Missing required option: '--node=I'");
        for (String command : List.of("kill", "start", "stop")) {
            TestnetCli.Result bad = cli.run("testnet", command, dir.toString(), "--node", "2");
            assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(bad.stderr()).startsWith("error: --node 2: this testnet has nodes 0 to 1");
        }
        assertThat(cli.run("testnet", "stop", dir.toString(), "--node", "-1").exitCode()).isEqualTo(ExitCodes.USAGE);

        // Nothing runs: kill and stop have nothing to do, status reports every node down.
        assertThat(cli.run("testnet", "kill", dir.toString(), "--node", "1").stdout()).isEqualTo("node 1 not running\n");
        TestnetCli.Result stop = cli.run("testnet", "stop", dir.toString(), "--json");
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.json()).hasSize(2).allSatisfy(n -> assertThat(n.get("result").asText()).isEqualTo("not running"));
        TestnetCli.Result status = cli.run("testnet", "status", dir.toString(), "--json");
        assertThat(status.exitCode()).isZero();
        assertThat(status.json().isArray()).isTrue();
        assertThat(status.json()).hasSize(2).allSatisfy(n -> {
            assertThat(n.get("alive").asBoolean()).isFalse();
            assertThat(n.get("pid").isNull()).isTrue();
            assertThat(n.get("finalized_height").isNull()).isTrue();
            assertThat(n.get("state_root").isNull()).isTrue();
        });

        Files.writeString(dir.resolve("node0/node.pid"), "garbage");
        assertThat(cli.run("testnet", "status", dir.toString()).stderr()).contains("node.pid does not hold a process id");
        Files.writeString(dir.resolve("testnet.json"), "{\"format\": 1}");
        assertThat(cli.run("testnet", "status", dir.toString()).stderr())
                .isEqualTo("error: " + dir.toRealPath().resolve("testnet.json") + ": layout: expected a non-empty string\n");
    }

    private static void assertOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .isEqualTo(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
    }
}
