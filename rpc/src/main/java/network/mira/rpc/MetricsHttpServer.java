package network.mira.rpc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain HTTP for operators and orchestrators: {@code GET /metrics} (Prometheus text),
 * {@code GET /health/live} (the process answers) and {@code GET /health/ready} (the node can
 * serve: 200 or 503 from the readiness supplier). The JDK's server is enough for scrapes and probes.
 */
public final class MetricsHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsHttpServer.class);
    static final String PORT_SETTING = "metrics.port in the config file, MIRA_METRICS_PORT or --metrics-port";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String PLAIN_TEXT = "text/plain; charset=utf-8";
    /** Scrapes and probes are rare and small; two threads keep one slow client from blocking the other. */
    private static final int THREADS = 2;
    private static final int BACKLOG = 16;

    private final String host;
    private final int port;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier ready;
    private HttpServer server;
    private ExecutorService executor;

    public MetricsHttpServer(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier ready) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("metrics port must be 0..65535, got " + port);
        }
        this.host = host;
        this.port = port;
        this.registry = registry;
        this.ready = ready;
    }

    /** @throws AddressInUseException naming host:port and the setting to change when the port is taken */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("metrics server already started");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("cannot serve metrics on " + host + ":" + port + ": unknown host");
        }
        HttpServer created;
        try {
            created = HttpServer.create(address, BACKLOG);
        } catch (IOException e) {
            throw AddressInUseException.translate(e, "metrics and health", host, port, PORT_SETTING);
        }
        AtomicInteger counter = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "metrics-http-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        created.setExecutor(executor);
        created.createContext("/", this::handle);
        created.start();
        server = created;
        LOG.info("metrics and health on http://{}:{}/", host, port());
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("metrics server is not started");
        }
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                respond(exchange, 405, PLAIN_TEXT, "method not allowed\n");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/metrics" -> respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
                case "/health/live" -> respond(exchange, 200, PLAIN_TEXT, "live\n");
                case "/health/ready" -> {
                    boolean isReady = ready.getAsBoolean();
                    respond(exchange, isReady ? 200 : 503, PLAIN_TEXT, isReady ? "ready\n" : "not ready\n");
                }
                default -> respond(exchange, 404, PLAIN_TEXT, "not found; try /metrics, /health/live, /health/ready\n");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        // Scrapes and probes are idempotent; nothing is lost by cutting one short.
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }
}
