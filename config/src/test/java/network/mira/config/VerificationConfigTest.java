package network.mira.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code verification.*} keys: defaults, every source, and one refusal per rule, each naming its key. */
class VerificationConfigTest {
    private static final Map<String, String> OPENAI = Map.of(
            "verification.verifier", "openai-compatible",
            "verification.openai.url", "http://127.0.0.1:8000/v1/chat/completions",
            "verification.openai.model", "qwen2.5-7b-instruct");

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheKnowledgeBaseWithTheBuiltInSample() {
        NodeConfig.Verification v = NodeConfig.defaults().verification();
        assertThat(v.verifier()).isEqualTo(NodeConfig.VerifierKind.KNOWLEDGE_BASE);
        assertThat(v.knowledgeFile()).isEmpty();
        NodeConfig.OpenAiEndpoint o = v.openai();
        assertThat(o.url()).isEmpty();
        assertThat(o.model()).isEmpty();
        assertThat(o.apiKeyEnv()).isEmpty();
        assertThat(o.timeoutMs()).isEqualTo(10_000);
        assertThat(o.maxConcurrency()).isEqualTo(4);
        assertThat(o.maxQueued()).isEqualTo(1_000);
        assertThat(o.retries()).isEqualTo(2);
        assertThat(o.circuitFailures()).isEqualTo(5);
        assertThat(o.circuitCooldownMs()).isEqualTo(30_000);
        assertThat(NodeConfigLoader.key("verification.knowledge-file").orElseThrow().defaultValue())
                .isEqualTo("(built-in sample)");
    }

    @Test
    void theOldConstructorKeepsTheVerificationDefaults() {
        NodeConfig d = NodeConfig.defaults();
        NodeConfig c = new NodeConfig(d.dataDir(), d.genesisFile(), d.validatorKeyFile(), d.rpc(), d.metrics(),
                d.p2p(), d.consensus(), d.mempool(), d.block(), d.execution(), d.faucet(), d.log());
        assertThat(c).isEqualTo(d);
    }

    @Test
    void anOpenAiEndpointIsReadFromNestedYaml() throws IOException {
        Path file = yaml("""
                verification:
                  verifier: openai-compatible
                  openai:
                    url: https://llm.example.org/openai/v1/chat/completions?api-version=2024-06-01
                    model: llama-3.1-8b-instruct
                    api-key-env: LLM_API_KEY
                    timeout-ms: 5000
                    max-concurrency: 8
                    max-queued: 0
                    retries: 0
                    circuit-failures: 3
                    circuit-cooldown-ms: 60000
                """);
        NodeConfig.Verification v = NodeConfigLoader.load(Optional.of(file), Map.of(), Map.of()).verification();
        assertThat(v.verifier()).isEqualTo(NodeConfig.VerifierKind.OPENAI_COMPATIBLE);
        assertThat(v.openai()).isEqualTo(new NodeConfig.OpenAiEndpoint(
                Optional.of(URI.create("https://llm.example.org/openai/v1/chat/completions?api-version=2024-06-01")),
                Optional.of("llama-3.1-8b-instruct"), Optional.of("LLM_API_KEY"), 5000, 8, 0, 0, 3, 60_000));
    }

    @Test
    void environmentAndTheShortFlagSetTheKnowledgeFile() {
        assertThat(NodeConfigLoader.key("verification.knowledge-file").orElseThrow().cliFlag())
                .isEqualTo("--verifier-knowledge");
        assertThat(NodeConfigLoader.key("verification.openai.api-key-env").orElseThrow().envVar())
                .isEqualTo("MIRA_VERIFICATION_OPENAI_API_KEY_ENV");
        NodeConfig c = NodeConfigLoader.load(Optional.empty(),
                Map.of("MIRA_VERIFICATION_KNOWLEDGE_FILE", "/env/facts.txt", "MIRA_VERIFICATION_VERIFIER", "NONE"),
                Map.of("verification.knowledge-file", "/flag/facts.txt"));
        assertThat(c.verification().knowledgeFile()).contains(Path.of("/flag/facts.txt"));
        assertThat(c.verification().verifier()).isEqualTo(NodeConfig.VerifierKind.NONE);
    }

    @Test
    void theConfidenceBandHasDefaultsAndIsChecked() {
        assertThat(NodeConfig.defaults().verification().band()).isEqualTo(new NodeConfig.Band(50, 20, 150_000));
        NodeConfig.Band band = load(Map.of("verification.band-window", "10", "verification.band-min-observations", "5",
                "verification.band-width-ppm", "0")).verification().band();
        assertThat(band).isEqualTo(new NodeConfig.Band(10, 5, 0));
        assertThatThrownBy(() -> load(Map.of("verification.band-min-observations", "60")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("verification.band-min-observations: must be between 1 and 50, got 60 "
                        + "(from flag --verification-band-min-observations)");
        assertThatThrownBy(() -> load(Map.of("verification.band-width-ppm", "1000001")))
                .hasMessageStartingWith("verification.band-width-ppm: must be between 0 and 1000000, got 1000001");
        assertThatThrownBy(() -> load(Map.of("verification.band-window", "0")))
                .hasMessageStartingWith("verification.band-window: must be between 1 and 100000, got 0");
    }

    @Test
    void anUnknownVerifierIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> load(Map.of("verification.verifier", "gpt")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("verification.verifier: must be one of knowledge-base, openai-compatible, none, "
                        + "got 'gpt' (from flag --verification-verifier)");
    }

    @Test
    void theOpenAiVerifierNeedsAnUrlAndAModel() {
        assertThatThrownBy(() -> load(Map.of("verification.verifier", "openai-compatible")))
                .hasMessage("verification.openai.url: is required when verification.verifier is openai-compatible");
        assertThatThrownBy(() -> load(Map.of("verification.verifier", "openai-compatible",
                "verification.openai.url", "http://127.0.0.1:8000/v1/chat/completions")))
                .hasMessage("verification.openai.model: is required when verification.verifier is openai-compatible");
        // Other verifiers ignore the endpoint, so leaving it unset is fine.
        assertThat(load(Map.of("verification.verifier", "knowledge-base")).verification().openai().url()).isEmpty();
        assertThat(load(OPENAI).verification().openai().model()).contains("qwen2.5-7b-instruct");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://h/v1/chat/completions | verification.openai.url: must be an http or https URL, got 'ftp://h/v1/chat/completions'",
        "localhost:8000 | verification.openai.url: must be an http or https URL, got 'localhost:8000'",
        "http:///v1/chat/completions | verification.openai.url: must name a host, got 'http:///v1/chat/completions'",
        "https://me:secret@h/v1 | verification.openai.url: must not carry credentials (user:password@); put the API key in the variable named by verification.openai.api-key-env",
        "http://h/v1#x | verification.openai.url: must not have a fragment (#...), got 'http://h/v1#x'",
    })
    void badUrlsAreRefused(String url, String message) {
        assertThatThrownBy(() -> load(with("verification.openai.url", url)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message + " (from flag --verification-openai-url)");
    }

    @Test
    void aMalformedUrlIsATypeError() {
        assertThatThrownBy(() -> load(with("verification.openai.url", "http://h /x")))
                .hasMessageStartingWith("verification.openai.url: not a valid URL: ")
                .hasMessageEndingWith("(from flag --verification-openai-url)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "verification.openai.api-key-env | 1KEY | must be an environment variable name (letters, digits and '_', not starting with a digit), got '1KEY'",
        "verification.openai.api-key-env | MY-KEY | must be an environment variable name (letters, digits and '_', not starting with a digit), got 'MY-KEY'",
        "verification.openai.model | '   ' | must not be blank",
        "verification.openai.timeout-ms | 0 | must be between 1 and 600000, got 0",
        "verification.openai.timeout-ms | 600001 | must be between 1 and 600000, got 600001",
        "verification.openai.max-concurrency | 0 | must be between 1 and 1024, got 0",
        "verification.openai.max-queued | -1 | must be between 0 and 100000, got -1",
        "verification.openai.retries | 11 | must be between 0 and 10, got 11",
        "verification.openai.circuit-failures | 0 | must be between 1 and 1000, got 0",
        "verification.openai.circuit-cooldown-ms | 0 | must be between 1 and 3600000, got 0",
        "verification.openai.retries | two | expected an integer (at most 2147483647), got 'two'",
    })
    void outOfRangeValuesNameTheirKey(String key, String value, String problem) {
        assertThatThrownBy(() -> load(with(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(key + ": " + problem + " (from flag " + ConfigKey.flagFor(key) + ")")
                .extracting(e -> ((ConfigException) e).field()).isEqualTo(key);
    }

    @Test
    void theEdgesOfEveryRangeAreAccepted() {
        NodeConfig.OpenAiEndpoint low = new NodeConfig.OpenAiEndpoint(Optional.empty(), Optional.empty(),
                Optional.empty(), 1, 1, 0, 0, 1, 1);
        NodeConfig.OpenAiEndpoint high = new NodeConfig.OpenAiEndpoint(Optional.empty(), Optional.empty(),
                Optional.of("_K9"), 600_000, 1_024, 100_000, 10, 1_000, 3_600_000);
        assertThat(low.maxQueued()).isZero();
        assertThat(high.apiKeyEnv()).contains("_K9");
    }

    @Test
    void yamlRefusesUnknownAndDottedNestedKeys() throws IOException {
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(yaml("verification:\n  openai:\n    urll: x\n")),
                Map.of(), Map.of()))
                .hasMessageStartingWith("verification.openai.urll: unknown key in file ")
                .hasMessageEndingWith("; known keys under verification.openai: url, model, api-key-env, timeout-ms, "
                        + "max-concurrency, max-queued, retries, circuit-failures, circuit-cooldown-ms");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(yaml("verification:\n  openai.url: http://h/\n")),
                Map.of(), Map.of()))
                .hasMessageStartingWith("verification.openai.url: dotted keys are not accepted in file ")
                .hasMessageEndingWith("nest it instead: openai: {url: ...}");
        assertThatThrownBy(() -> NodeConfigLoader.load(Optional.of(yaml("verification:\n  openai: 3\n")),
                Map.of(), Map.of()))
                .hasMessageStartingWith("verification.openai: expected a mapping of url, model, api-key-env, ");
    }

    private static NodeConfig load(Map<String, String> flags) {
        return NodeConfigLoader.load(Optional.empty(), Map.of(), flags);
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> flags = new java.util.HashMap<>(OPENAI);
        flags.put(key, value);
        return flags;
    }

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, text);
        return file;
    }
}
