package network.mira.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md must carry the key table exactly as {@link NodeConfigLoader#keys()} describes it. */
class ConfigurationDocTest {
    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void theDocumentedKeyTableMatchesTheCode() throws IOException {
        String expected = table();
        String doc = Files.readString(DOC);
        assertThat(doc).as("regenerate the table in %s from this:%n%s", DOC, expected).contains(expected);
    }

    static String table() {
        StringBuilder out = new StringBuilder()
                .append("| YAML key | Environment variable | CLI flag | Default | Meaning |\n")
                .append("|---|---|---|---|---|\n");
        for (ConfigKey key : NodeConfigLoader.keys()) {
            out.append("| `").append(key.name()).append("` | `").append(key.envVar()).append("` | `")
                    .append(key.cliFlag()).append("` | `").append(key.defaultValue()).append("` | ")
                    .append(key.description()).append(" |\n");
        }
        return out.toString();
    }
}
