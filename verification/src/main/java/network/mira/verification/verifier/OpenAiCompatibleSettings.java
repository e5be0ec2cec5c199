package network.mira.verification.verifier;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import network.mira.config.NodeConfig;

/**
 * How the openai-compatible verifier talks to its endpoint. {@code url} is the full chat completions
 * URL. {@code requestTimeout} bounds one attempt, from sending to the whole answer (time spent
 * waiting for a free place does not count). Retry {@code n} (1-based) waits
 * {@code min(backoffInitial * 2^(n-1), backoffMax)}. {@link #toString} never shows the API key.
 */
public record OpenAiCompatibleSettings(URI url, String model, Optional<String> apiKey, Duration requestTimeout,
                                       int maxConcurrency, int maxQueued, int retries, Duration backoffInitial,
                                       Duration backoffMax, int circuitFailures, Duration circuitCooldown) {
    public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(4);

    public OpenAiCompatibleSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKey, "apiKey");
        String scheme = String.valueOf(url.getScheme());
        if ((!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("url must be an http or https URL with a host, got " + url);
        }
        if (apiKey.isPresent() && (apiKey.get().isBlank() || apiKey.get().chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("apiKey must not be blank or hold control characters");
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        positive("requestTimeout", requestTimeout);
        positive("backoffInitial", backoffInitial);
        positive("circuitCooldown", circuitCooldown);
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("backoffMax must be at least backoffInitial");
        }
        if (maxConcurrency < 1 || maxQueued < 0 || retries < 0 || circuitFailures < 1) {
            throw new IllegalArgumentException("need maxConcurrency >= 1, maxQueued >= 0, retries >= 0, "
                    + "circuitFailures >= 1, got " + maxConcurrency + ", " + maxQueued + ", " + retries + ", "
                    + circuitFailures);
        }
    }

    /** The node config's defaults for everything but the endpoint; no API key. */
    public static OpenAiCompatibleSettings of(URI url, String model) {
        return fromConfig(new NodeConfig.OpenAiEndpoint(Optional.of(url), Optional.of(model), Optional.empty(),
                NodeConfig.OpenAiEndpoint.DEFAULTS.timeoutMs(), NodeConfig.OpenAiEndpoint.DEFAULTS.maxConcurrency(),
                NodeConfig.OpenAiEndpoint.DEFAULTS.maxQueued(), NodeConfig.OpenAiEndpoint.DEFAULTS.retries(),
                NodeConfig.OpenAiEndpoint.DEFAULTS.circuitFailures(),
                NodeConfig.OpenAiEndpoint.DEFAULTS.circuitCooldownMs()), Optional.empty());
    }

    /**
     * @param endpoint with url and model set (the config guarantees it for {@code openai-compatible})
     * @param apiKey   the key read from the variable {@code endpoint.apiKeyEnv()} names
     */
    public static OpenAiCompatibleSettings fromConfig(NodeConfig.OpenAiEndpoint endpoint, Optional<String> apiKey) {
        return new OpenAiCompatibleSettings(
                endpoint.url().orElseThrow(() -> new IllegalArgumentException("verification.openai.url is not set")),
                endpoint.model().orElseThrow(
                        () -> new IllegalArgumentException("verification.openai.model is not set")),
                apiKey, Duration.ofMillis(endpoint.timeoutMs()), endpoint.maxConcurrency(), endpoint.maxQueued(),
                endpoint.retries(), DEFAULT_BACKOFF_INITIAL, DEFAULT_BACKOFF_MAX, endpoint.circuitFailures(),
                Duration.ofMillis(endpoint.circuitCooldownMs()));
    }

    public OpenAiCompatibleSettings withApiKey(String key) {
        return new OpenAiCompatibleSettings(url, model, Optional.of(key), requestTimeout, maxConcurrency, maxQueued,
                retries, backoffInitial, backoffMax, circuitFailures, circuitCooldown);
    }

    public OpenAiCompatibleSettings withRequestTimeout(Duration timeout) {
        return new OpenAiCompatibleSettings(url, model, apiKey, timeout, maxConcurrency, maxQueued, retries,
                backoffInitial, backoffMax, circuitFailures, circuitCooldown);
    }

    public OpenAiCompatibleSettings withConcurrency(int maxConcurrent, int maxWaiting) {
        return new OpenAiCompatibleSettings(url, model, apiKey, requestTimeout, maxConcurrent, maxWaiting, retries,
                backoffInitial, backoffMax, circuitFailures, circuitCooldown);
    }

    public OpenAiCompatibleSettings withRetries(int count, Duration initial, Duration max) {
        return new OpenAiCompatibleSettings(url, model, apiKey, requestTimeout, maxConcurrency, maxQueued, count,
                initial, max, circuitFailures, circuitCooldown);
    }

    public OpenAiCompatibleSettings withCircuit(int failures, Duration cooldown) {
        return new OpenAiCompatibleSettings(url, model, apiKey, requestTimeout, maxConcurrency, maxQueued, retries,
                backoffInitial, backoffMax, failures, cooldown);
    }

    /** The wait before retry {@code n} (1-based). */
    public Duration backoff(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, got " + n);
        }
        Duration wait = backoffInitial;
        for (int i = 1; i < n && wait.compareTo(backoffMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(backoffMax) < 0 ? wait : backoffMax;
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleSettings[url=" + url + ", model=" + model + ", apiKey="
                + (apiKey.isPresent() ? "(set)" : "(none)") + ", requestTimeout=" + requestTimeout
                + ", maxConcurrency=" + maxConcurrency + ", maxQueued=" + maxQueued + ", retries=" + retries
                + ", backoffInitial=" + backoffInitial + ", backoffMax=" + backoffMax + ", circuitFailures="
                + circuitFailures + ", circuitCooldown=" + circuitCooldown + "]";
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
