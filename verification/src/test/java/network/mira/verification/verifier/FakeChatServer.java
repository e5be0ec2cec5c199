package network.mira.verification.verifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local {@code /v1/chat/completions} endpoint on 127.0.0.1 with a free port. Its behaviour is a
 * function of the request; it counts requests, records their bodies and headers, and tracks how many
 * were in flight at once. {@link #held} answers only once {@link #release} is called (or the server
 * closes), which lets tests fill request slots without timing assumptions.
 */
final class FakeChatServer implements AutoCloseable {
    static final String PATH = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How to answer request number {@code n} (1-based). */
    interface Behaviour {
        void respond(HttpExchange exchange, int n, String body) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<String> bodies = new ArrayList<>();
    private final Map<Integer, Map<String, List<String>>> headers = new ConcurrentHashMap<>();
    private volatile Behaviour behaviour;

    private FakeChatServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    static FakeChatServer start(Behaviour behaviour) throws IOException {
        return new FakeChatServer(behaviour);
    }

    /** Answers every request with this content. */
    static Behaviour answering(String content) {
        return (exchange, n, body) -> send(exchange, 200, completion(content));
    }

    static Behaviour status(int code) {
        return (exchange, n, body) -> send(exchange, code, "{\"error\":{\"message\":\"status " + code + "\"}}");
    }

    static Behaviour raw(String body) {
        return (exchange, n, ignored) -> send(exchange, 200, body);
    }

    /** Waits for {@link #release} (at most a minute, so a broken test cannot hang), then answers. */
    Behaviour held(Behaviour then) {
        return (exchange, n, body) -> {
            try {
                released.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            then.respond(exchange, n, body);
        };
    }

    void behave(Behaviour next) {
        behaviour = next;
    }

    void release() {
        released.countDown();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    int requests() {
        return requests.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** Request headers of request {@code n} (1-based), names lower case. */
    Map<String, List<String>> headers(int n) {
        return headers.get(n);
    }

    static String completion(String content) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                .put("model", "test-model");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        return root.toString();
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int n;
            synchronized (this) {
                bodies.add(body);
                n = requests.incrementAndGet();
            }
            Map<String, List<String>> copy = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> copy.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
            copy.put(":method", List.of(exchange.getRequestMethod()));
            copy.put(":path", List.of(exchange.getRequestURI().toString()));
            headers.put(n, copy);
            behaviour.respond(exchange, n, body);
        } catch (IOException e) {
            // The client went away (timeout, close): nothing to answer.
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
