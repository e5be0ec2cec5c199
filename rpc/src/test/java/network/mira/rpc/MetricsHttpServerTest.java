package network.mira.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import network.mira.rpc.v1.AccountServiceGrpc;
import network.mira.rpc.v1.GetBalanceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics, /health/live and /health/ready over real HTTP. */
class MetricsHttpServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void metricsExposeNodeRpcAndJvmMeters() throws Exception {
        try (TestNode node = new TestNode(dir, TestNode.Options.defaults());
             MetricsHttpServer server = new MetricsHttpServer("127.0.0.1", 0, node.metrics, () -> true)) {
            JvmMetrics jvm = JvmMetrics.bindTo(node.metrics);
            try {
                server.start();
                AccountServiceGrpc.newBlockingStub(node.channel).getBalance(
                        GetBalanceRequest.newBuilder().setAddress(node.bob.publicKey().toBase58()).build());
                HttpResponse<String> metrics = get(server, "/metrics");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("text/plain"));
                assertThat(metrics.body())
                        .contains("mira_mempool_size")
                        .contains("mira_rpc_requests_total{code=\"OK\",method=\"mira.v1.AccountService/GetBalance\"} 1")
                        .contains("jvm_memory_used_bytes")
                        .contains("jvm_threads_live_threads")
                        .contains("process_uptime_seconds")
                        .contains("system_cpu_count");
            } finally {
                jvm.close();
            }
        }
    }

    @Test
    void liveAndReadyProbes() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        try (MetricsHttpServer server = new MetricsHttpServer("127.0.0.1", 0, registry(), ready::get)) {
            server.start();
            HttpResponse<String> live = get(server, "/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.body()).isEqualTo("live\n");
            assertThat(get(server, "/health/ready").statusCode()).isEqualTo(503);
            ready.set(true);
            assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200);
            ready.set(false);
            assertThat(get(server, "/health/ready").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        try (MetricsHttpServer server = new MetricsHttpServer("127.0.0.1", 0, registry(), () -> true)) {
            server.start();
            assertThat(get(server, "/").statusCode()).isEqualTo(404);
            assertThat(get(server, "/metrics/extra").statusCode()).isEqualTo(404);
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri(server, "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        }
    }

    @Test
    void aPortInUseIsAClearStartUpError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             MetricsHttpServer server = new MetricsHttpServer("127.0.0.1", taken.getLocalPort(), registry(),
                     () -> true)) {
            assertThatThrownBy(server::start)
                    .isInstanceOf(AddressInUseException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("address already in use")
                    .hasMessageContaining("metrics.port")
                    .hasMessageContaining("--metrics-port");
        }
    }

    private static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("mira_test_events").register(registry).increment();
        return registry;
    }

    private HttpResponse<String> get(MetricsHttpServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(server, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(MetricsHttpServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
