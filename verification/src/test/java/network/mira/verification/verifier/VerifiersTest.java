package network.mira.verification.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import network.mira.config.ConfigException;
import network.mira.config.NodeConfig;
import network.mira.config.NodeConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @TempDir
    Path dir;

    @Test
    void theDefaultIsTheKnowledgeBaseWithTheSample() {
        try (Verifier verifier = Verifiers.fromConfig(NodeConfig.defaults().verification(), registry)) {
            assertThat(verifier.name()).isEqualTo("knowledge-base");
            assertThat(((MeteredVerifier) verifier).inner()).isInstanceOf(KnowledgeBaseVerifier.class);
            assertThat(verifier.judge("Paris is the capital of France").join()).isEqualTo(Judgement.of(Verdict.TRUE));
            assertThat(verifier.judge("Unknown").join()).isEqualTo(Judgement.of(Verdict.UNCERTAIN));
            assertThat(registry.get("mira_verifier_judgements").tag("verifier", "knowledge-base")
                    .tag("outcome", "true").counter().count()).isEqualTo(1.0);
        }
    }

    @Test
    void aConfiguredKnowledgeFileIsRead() throws Exception {
        Path file = dir.resolve("facts.txt");
        Files.writeString(file, "FALSE\tThe Earth is flat.\n");
        try (Verifier verifier = Verifiers.fromConfig(config(Map.of("verification.knowledge-file", file.toString())),
                registry)) {
            assertThat(verifier.judge("the earth is flat").join()).isEqualTo(Judgement.of(Verdict.FALSE));
        }
    }

    @Test
    void aMalformedKnowledgeFileIsAConfigErrorWithItsLine() throws Exception {
        Path file = dir.resolve("facts.txt");
        Files.writeString(file, "# facts\nTRUE\tok\nTRUE claim\n");
        NodeConfig.Verification config = config(Map.of("verification.knowledge-file", file.toString()));
        assertThatThrownBy(() -> Verifiers.fromConfig(config, registry))
                .isInstanceOf(ConfigException.class)
                .hasMessage("verification.knowledge-file: " + file + ":3: expected TRUE or FALSE, a tab, then the claim");
        NodeConfig.Verification missing = config(Map.of("verification.knowledge-file", dir.resolve("no.txt").toString()));
        assertThatThrownBy(() -> Verifiers.fromConfig(missing, registry))
                .hasMessage("verification.knowledge-file: " + dir.resolve("no.txt") + ": file not found");
    }

    @Test
    void noneAbstainsOnEveryClaim() {
        try (Verifier verifier = Verifiers.fromConfig(config(Map.of("verification.verifier", "none")), registry)) {
            assertThat(verifier.judge("Paris is the capital of France").join().abstainReason())
                    .contains(AbstainReason.DISABLED);
            assertThat(registry.get("mira_verifier_judgements").tag("outcome", "abstain_disabled").counter().count())
                    .isEqualTo(1.0);
        }
    }

    @Test
    void theOpenAiVerifierReadsItsKeyFromTheNamedVariable() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.answering("FALSE"))) {
            NodeConfig.Verification config = config(Map.of("verification.verifier", "openai-compatible",
                    "verification.openai.url", server.url().toString(), "verification.openai.model", "m",
                    "verification.openai.api-key-env", "TEST_LLM_KEY"));

            assertThatThrownBy(() -> Verifiers.fromConfig(config, registry, Map.of()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("verification.openai.api-key-env: names TEST_LLM_KEY, which is not set");
            try (Verifier verifier = Verifiers.fromConfig(config, registry, Map.of("TEST_LLM_KEY", "sk-abc\n"))) {
                assertThat(verifier.name()).isEqualTo("openai-compatible");
                assertThat(verifier.judge("The Earth is flat.").get(30, TimeUnit.SECONDS))
                        .isEqualTo(Judgement.of(Verdict.FALSE));
                assertThat(server.headers(1).get("authorization")).containsExactly("Bearer sk-abc");
            }
        }
    }

    @Test
    void theOpenAiSettingsComeFromTheConfig() {
        NodeConfig.Verification config = config(Map.of("verification.verifier", "openai-compatible",
                "verification.openai.url", "http://127.0.0.1:9/v1/chat/completions", "verification.openai.model", "m",
                "verification.openai.timeout-ms", "1234", "verification.openai.max-concurrency", "5",
                "verification.openai.max-queued", "6", "verification.openai.retries", "7",
                "verification.openai.circuit-failures", "8", "verification.openai.circuit-cooldown-ms", "9000"));
        OpenAiCompatibleSettings s = OpenAiCompatibleSettings.fromConfig(config.openai(), Optional.empty());
        assertThat(s.url().toString()).isEqualTo("http://127.0.0.1:9/v1/chat/completions");
        assertThat(s.requestTimeout().toMillis()).isEqualTo(1234);
        assertThat(s.maxConcurrency()).isEqualTo(5);
        assertThat(s.maxQueued()).isEqualTo(6);
        assertThat(s.retries()).isEqualTo(7);
        assertThat(s.circuitFailures()).isEqualTo(8);
        assertThat(s.circuitCooldown().toMillis()).isEqualTo(9000);
        assertThat(s.apiKey()).isEmpty();
    }

    private static NodeConfig.Verification config(Map<String, String> flags) {
        return NodeConfigLoader.load(Optional.empty(), Map.of(), flags).verification();
    }
}
