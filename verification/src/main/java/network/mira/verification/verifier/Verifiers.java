package network.mira.verification.verifier;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import network.mira.config.ConfigException;
import network.mira.config.NodeConfig;

/** Builds the verifier that {@code verification.*} chooses; the only place that reads that config. */
public final class Verifiers {
    private Verifiers() {}

    /** {@link #fromConfig(NodeConfig.Verification, MeterRegistry, Map)} with the process environment. */
    public static Verifier fromConfig(NodeConfig.Verification config, MeterRegistry registry) {
        return fromConfig(config, registry, System.getenv());
    }

    /**
     * @param environment where the variable named by {@code verification.openai.api-key-env} is read
     * @return the chosen verifier, its judgements counted in {@code registry} ({@link MeteredVerifier})
     * @throws ConfigException naming the key, when the knowledge file cannot be used or the API key
     *                         variable is not set; the key's value never appears in a message
     */
    public static Verifier fromConfig(NodeConfig.Verification config, MeterRegistry registry,
                                      Map<String, String> environment) {
        Verifier verifier = switch (config.verifier()) {
            case KNOWLEDGE_BASE -> knowledgeBase(config.knowledgeFile());
            case OPENAI_COMPATIBLE -> new OpenAiCompatibleVerifier(
                    OpenAiCompatibleSettings.fromConfig(config.openai(), apiKey(config.openai(), environment)),
                    registry);
            case NONE -> new DisabledVerifier();
        };
        return new MeteredVerifier(verifier, registry);
    }

    private static KnowledgeBaseVerifier knowledgeBase(Optional<Path> file) {
        if (file.isEmpty()) {
            return KnowledgeBaseVerifier.sample();
        }
        try {
            return KnowledgeBaseVerifier.load(file.get());
        } catch (KnowledgeFileException e) {
            throw new ConfigException("verification.knowledge-file", e.getMessage(), e);
        }
    }

    private static Optional<String> apiKey(NodeConfig.OpenAiEndpoint endpoint, Map<String, String> environment) {
        if (endpoint.apiKeyEnv().isEmpty()) {
            return Optional.empty();
        }
        String name = endpoint.apiKeyEnv().get();
        String key = environment.get(name);
        if (key == null || key.isBlank()) {
            throw new ConfigException("verification.openai.api-key-env", "names " + name + ", which is not set");
        }
        if (key.strip().chars().anyMatch(Character::isISOControl)) {
            throw new ConfigException("verification.openai.api-key-env",
                    "the value of " + name + " holds control characters");
        }
        return Optional.of(key.strip());
    }
}
