package network.mira.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One devnet node in this JVM per test class, created as {@code mira-node start --dev --genesis-param …}
 * creates it, and the CLI against it ({@link DevnetCli}): started before the first test, stopped after
 * the last. Tests share the node, so each uses its own fresh keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DevnetCliTestBase {
    /** The class's directory: the node's data dir and the CLI's key files. */
    Path work;

    InProcessDevnet node;

    /** Every genesis parameter, as {@link GenesisParameters#complete} writes them. */
    abstract Map<String, Long> genesisParameters();

    @BeforeAll
    void startNode(@TempDir Path directory) throws Exception {
        work = directory;
        node = InProcessDevnet.start(work.resolve("devnet"), genesisParameters());
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    DevnetCli cli() {
        return new DevnetCli(node.rpc(), work);
    }

    CliRunner.Result mira(String... arguments) {
        return cli().run(arguments);
    }

    JsonNode miraJson(String... arguments) {
        return cli().json(arguments);
    }

    JsonNode array(String... arguments) throws Exception {
        return cli().array(arguments);
    }

    String file(String name) {
        return cli().file(name);
    }

    String key(String name) {
        return cli().key(name);
    }

    /** A new keypair file holding {@code lamports} from the faucet; returns its address. */
    String fundedKey(String name, long lamports) {
        return cli().fundedKey(name, lamports);
    }
}
