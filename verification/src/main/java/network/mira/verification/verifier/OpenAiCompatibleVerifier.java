package network.mira.verification.verifier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges claims with a model behind an OpenAI-compatible {@code /v1/chat/completions} endpoint
 * (vLLM, llama.cpp's server, Ollama, hosted models); the protocol and the parse rule are in
 * {@link ChatCompletions}. The endpoint is a fault line, so every failure ends in an abstention,
 * never in a guessed verdict:
 * <ul>
 *   <li><b>bounded concurrency:</b> at most {@code maxConcurrency} claims are judged at once (each
 *       holds its place through its retries); up to {@code maxQueued} more wait in FIFO order; beyond
 *       that a claim is abstained on at once with {@link AbstainReason#OVERLOADED};</li>
 *   <li><b>timeout</b> per attempt ({@link AbstainReason#TIMEOUT});</li>
 *   <li><b>retries</b> with exponential backoff after a timeout, a 5xx answer or a connection error;
 *       never after 4xx or 3xx ({@link AbstainReason#REJECTED}; redirects are not followed, so the API
 *       key never goes to another host), a malformed body or an unparseable answer;</li>
 *   <li><b>circuit breaker:</b> a judgement that ends in TIMEOUT, UNAVAILABLE, REJECTED or
 *       MALFORMED_RESPONSE is a failure; after {@code circuitFailures} in a row the circuit opens and
 *       claims are abstained on at once with {@link AbstainReason#CIRCUIT_OPEN}, without a request;
 *       after {@code circuitCooldown} one trial claim is sent, and its success (any well-formed answer,
 *       even an unparseable word) closes the circuit.</li>
 * </ul>
 * {@link #judge} does no I/O on the caller's thread; requests are sent from two daemon threads of
 * this verifier and the HTTP client's own. Metrics: {@code mira_verifier_requests_total{outcome}}
 * per HTTP attempt, {@code mira_verifier_circuit_open}, {@code mira_verifier_queued}.
 */
public final class OpenAiCompatibleVerifier implements Verifier {
    /** Claims longer than this are not sent; the decomposer keeps claims far shorter. */
    public static final int MAX_CLAIM_CHARS = 8_192;
    /** A chat completion with one word fits in well under a kilobyte. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatibleVerifier.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Judgement CLOSED = Judgement.abstain(AbstainReason.CLOSED, "verifier closed");

    private final OpenAiCompatibleSettings settings;
    private final HttpClient http;
    private final ExecutorService executor;
    private final CircuitBreaker breaker;
    private final BoundedConcurrency<Pending> slots;
    private final Set<CompletableFuture<Judgement>> judgements = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<HttpResponse<byte[]>>> sends = ConcurrentHashMap.newKeySet();
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private volatile boolean closed;

    private record Pending(String claim, CompletableFuture<Judgement> result) {}

    /**
     * One attempt's end. {@code retryable}: another attempt may succeed; {@code endpointFailed}: counts
     * against the circuit breaker; {@code outcome}: the metric tag.
     */
    private record Attempt(Judgement judgement, boolean retryable, boolean endpointFailed, String outcome) {}

    /** Without metrics. */
    public OpenAiCompatibleVerifier(OpenAiCompatibleSettings settings) {
        this(settings, new CompositeMeterRegistry());
    }

    public OpenAiCompatibleVerifier(OpenAiCompatibleSettings settings, MeterRegistry registry) {
        this(settings, registry, System::nanoTime);
    }

    OpenAiCompatibleVerifier(OpenAiCompatibleSettings settings, MeterRegistry registry, LongSupplier nanoTime) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "mira-verifier-openai-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                // HTTP/1.1: every server speaks it; the HTTP/2 upgrade of a cleartext POST trips some of them.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.breaker = new CircuitBreaker(settings.circuitFailures(), settings.circuitCooldown().toNanos(), nanoTime);
        this.slots = new BoundedConcurrency<>(settings.maxConcurrency(), settings.maxQueued(), this::start, executor);
        meters.add(Gauge.builder("mira_verifier_circuit_open", breaker,
                        b -> b.state() == CircuitBreaker.State.CLOSED ? 0 : 1)
                .description("1 while the openai-compatible verifier's circuit breaker is open or half-open")
                .register(registry));
        meters.add(Gauge.builder("mira_verifier_queued", slots, BoundedConcurrency::waiting)
                .description("claims waiting for a free request slot of the openai-compatible verifier")
                .register(registry));
    }

    @Override
    public CompletableFuture<Judgement> judge(String claim) {
        Objects.requireNonNull(claim, "claim");
        if (closed) {
            return CompletableFuture.completedFuture(CLOSED);
        }
        if (claim.length() > MAX_CLAIM_CHARS) {
            return CompletableFuture.completedFuture(Judgement.abstain(AbstainReason.CLAIM_TOO_LONG,
                    "claim has " + claim.length() + " characters, at most " + MAX_CLAIM_CHARS + " are sent"));
        }
        if (breaker.isOpen()) {
            return CompletableFuture.completedFuture(circuitOpen());
        }
        CompletableFuture<Judgement> result = new CompletableFuture<>();
        track(judgements, result);
        if (!slots.submit(new Pending(claim, result))) {
            result.complete(Judgement.abstain(AbstainReason.OVERLOADED, settings.maxConcurrency()
                    + " claims in progress and " + settings.maxQueued() + " waiting"));
        } else if (closed) {
            result.complete(CLOSED); // close() ran between the check above and the submit
        }
        return result;
    }

    @Override
    public String name() {
        return "openai-compatible";
    }

    /** Abstains on every claim not yet judged, aborts requests in flight and stops the threads. */
    @Override
    public void close() {
        closed = true;
        slots.drainWaiting().forEach(pending -> pending.result().complete(CLOSED));
        List.copyOf(judgements).forEach(result -> result.complete(CLOSED));
        List.copyOf(sends).forEach(send -> send.cancel(true));
        executor.shutdownNow();
        synchronized (meters) {
            meters.forEach(registry::remove);
            meters.clear();
        }
    }

    /** On the executor, holding a place of {@link #slots} until {@link #finish}. */
    private void start(Pending pending) {
        if (pending.result().isDone()) {
            slots.finished();
            return;
        }
        if (!breaker.tryAcquire()) {
            pending.result().complete(circuitOpen());
            slots.finished();
            return;
        }
        try {
            byte[] body = ChatCompletions.requestBody(settings.model(), pending.claim());
            attempt(body, 1).whenComplete((attempt, error) -> finish(pending, attempt, error));
        } catch (RuntimeException e) {
            finish(pending, null, e);
        }
    }

    private CompletableFuture<Attempt> attempt(byte[] body, int number) {
        if (closed) {
            return CompletableFuture.completedFuture(new Attempt(CLOSED, false, false, "cancelled"));
        }
        CompletableFuture<HttpResponse<byte[]>> send =
                http.sendAsync(request(body), new LimitedBodyHandler(MAX_RESPONSE_BYTES));
        track(sends, send);
        // The request timeout stops at the response headers; this one also covers a body that trickles in.
        return send.copy().orTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((response, error) -> {
                    if (error != null) {
                        send.cancel(true); // aborts the exchange after our timeout; harmless otherwise
                    }
                    Attempt attempt = classify(response, error);
                    counter(attempt.outcome()).increment();
                    return attempt;
                }, executor)
                .thenCompose(attempt -> retryOrEnd(attempt, body, number));
    }

    private CompletableFuture<Attempt> retryOrEnd(Attempt attempt, byte[] body, int number) {
        if (!attempt.retryable() || number > settings.retries() || closed) {
            return CompletableFuture.completedFuture(number == 1 ? attempt : afterAttempts(attempt, number));
        }
        Executor later = CompletableFuture.delayedExecutor(settings.backoff(number).toMillis(), TimeUnit.MILLISECONDS,
                executor);
        return CompletableFuture.supplyAsync(() -> number + 1, later).thenCompose(next -> attempt(body, next));
    }

    private Attempt classify(HttpResponse<byte[]> response, Throwable error) {
        if (error != null) {
            return failure(error);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            Judgement judgement = ChatCompletions.parseResponse(response.body());
            boolean malformed = judgement.abstainReason().orElse(null) == AbstainReason.MALFORMED_RESPONSE;
            return new Attempt(judgement, false, malformed, malformed ? "malformed" : "answered");
        }
        if (status >= 500) {
            return new Attempt(Judgement.abstain(AbstainReason.UNAVAILABLE, "HTTP " + status), true, true,
                    "server_error");
        }
        return new Attempt(Judgement.abstain(AbstainReason.REJECTED, "HTTP " + status), false, true, "rejected");
    }

    private Attempt failure(Throwable error) {
        Throwable cause = unwrap(error);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof LimitedBodyHandler.TooLarge) {
                return new Attempt(Judgement.abstain(AbstainReason.MALFORMED_RESPONSE, t.getMessage()), false, true,
                        "malformed");
            }
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return new Attempt(Judgement.abstain(AbstainReason.TIMEOUT, "no answer within "
                    + settings.requestTimeout().toMillis() + " ms"), true, true, "timeout");
        }
        if (cause instanceof CancellationException) {
            return new Attempt(CLOSED, false, false, "cancelled");
        }
        if (cause instanceof IOException) {
            return new Attempt(Judgement.abstain(AbstainReason.UNAVAILABLE, cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage())), true, true, "connection_error");
        }
        if (!closed) {
            LOG.error("openai-compatible verifier: unexpected failure of a request", cause);
        }
        return new Attempt(Judgement.abstain(AbstainReason.INTERNAL_ERROR, cause.getClass().getSimpleName()), false,
                true, "internal_error");
    }

    private void finish(Pending pending, Attempt attempt, Throwable error) {
        try {
            Judgement judgement;
            if (error != null) {
                judgement = failure(error).judgement();
                recordOutcome(!closed);
            } else {
                judgement = attempt.judgement();
                if (!"cancelled".equals(attempt.outcome())) {
                    recordOutcome(attempt.endpointFailed());
                }
            }
            pending.result().complete(judgement);
        } finally {
            slots.finished();
        }
    }

    private void recordOutcome(boolean failed) {
        if (failed) {
            if (breaker.onFailure()) {
                LOG.warn("openai-compatible verifier: circuit opened after {} consecutive failures; abstaining "
                        + "for {} ms before one trial request to {}", settings.circuitFailures(),
                        settings.circuitCooldown().toMillis(), settings.url());
            }
        } else if (breaker.onSuccess()) {
            LOG.info("openai-compatible verifier: circuit closed, {} answers again", settings.url());
        }
    }

    private HttpRequest request(byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        return request.build();
    }

    private Counter counter(String outcome) {
        Counter counter = Counter.builder("mira_verifier_requests").tag("outcome", outcome)
                .description("HTTP attempts of the openai-compatible verifier by outcome")
                .register(registry);
        synchronized (meters) {
            if (!closed && !meters.contains(counter)) {
                meters.add(counter);
            }
        }
        return counter;
    }

    private Judgement circuitOpen() {
        return Judgement.abstain(AbstainReason.CIRCUIT_OPEN, "circuit open after " + settings.circuitFailures()
                + " consecutive failures of " + settings.url());
    }

    private static Attempt afterAttempts(Attempt attempt, int attempts) {
        if (!(attempt.judgement() instanceof Judgement.Abstained abstained)) {
            return attempt;
        }
        Judgement judgement = Judgement.abstain(abstained.reason(), abstained.detail() + " (after " + attempts
                + " attempts)");
        return new Attempt(judgement, attempt.retryable(), attempt.endpointFailed(), attempt.outcome());
    }

    private static <T> void track(Set<CompletableFuture<T>> set, CompletableFuture<T> future) {
        set.add(future);
        future.whenComplete((value, error) -> set.remove(future));
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
