package network.mira.node.verify.attest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import network.mira.config.NodeConfig;
import network.mira.node.cli.GenesisParameters;
import network.mira.node.cli.InProcessDevnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --identity-key}: a missing file stops the start naming the flag, rather than attesting with nothing. */
class IdentityKeyDevnetTest {
    @TempDir
    Path work;

    @Test
    void aMissingIdentityKeyFileStopsTheStartAndSaysWhichFlag() {
        NodeConfig.Verification verification = new NodeConfig.Verification(NodeConfig.VerifierKind.KNOWLEDGE_BASE,
                Optional.empty(), NodeConfig.OpenAiEndpoint.DEFAULTS, NodeConfig.Band.DEFAULTS,
                Optional.of(work.resolve("missing-identity.json")));
        assertThatThrownBy(() -> InProcessDevnet.start(work.resolve("devnet"), GenesisParameters.complete(Map.of()),
                verification).close())
                .hasMessageContaining("no identity key at")
                .hasMessageContaining("--identity-key");
    }
}
