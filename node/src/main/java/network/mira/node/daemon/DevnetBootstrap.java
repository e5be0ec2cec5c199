package network.mira.node.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import network.mira.config.Genesis;
import network.mira.node.cli.GenesisParameters;
import network.mira.config.GenesisJson;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.KeypairFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start of `--dev`: creates the validator key, the faucet key and a genesis that funds the
 * faucet and names this validator. On later starts it changes nothing, so a restart resumes the
 * same chain.
 */
public final class DevnetBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(DevnetBootstrap.class);
    public static final String FAUCET_KEY_FILE = "faucet-key.json";

    private DevnetBootstrap() {}

    public static void ensure(Path dataDir, Path genesisFile, Path validatorKeyFile, long nowMs) throws IOException {
        ensure(dataDir, genesisFile, validatorKeyFile, nowMs, java.util.Map.of());
    }

    /** @param parameters chain parameters written into a new genesis; ignored (with a log line) when one exists */
    public static void ensure(Path dataDir, Path genesisFile, Path validatorKeyFile, long nowMs,
                              java.util.Map<String, Long> parameters) throws IOException {
        Files.createDirectories(dataDir);
        KeyPair validator = loadOrCreate(validatorKeyFile, "validator");
        Path faucetKeyFile = dataDir.resolve(FAUCET_KEY_FILE);
        if (Files.exists(genesisFile)) {
            if (!parameters.isEmpty()) {
                LOG.warn("genesis {} exists: --genesis-param {} ignored (parameters are fixed when a chain is created)",
                        genesisFile, parameters.keySet());
            }
            return;
        }
        KeyPair faucet = loadOrCreate(faucetKeyFile, "faucet");
        Genesis genesis = Genesis.devnet(validator.publicKey(), faucet.publicKey(), nowMs)
                .withParameters(GenesisParameters.complete(parameters));
        GenesisJson.write(genesisFile, genesis);
        LOG.info("created devnet genesis {} (chain id {}, genesis hash {})", genesisFile, genesis.chainId(),
                genesis.hash());
    }

    /** Reads a keypair file, or creates it (mode 0600) on first use. */
    static KeyPair loadOrCreate(Path file, String role) throws IOException {
        if (Files.exists(file)) {
            return KeypairFile.read(file);
        }
        KeyPair key = KeyPair.generate(new SecureRandom());
        Files.createDirectories(file.toAbsolutePath().getParent());
        KeypairFile.write(file, key, false);
        LOG.info("created {} key {} at {}", role, key.publicKey(), file);
        return key;
    }
}
