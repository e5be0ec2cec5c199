package network.mira.node.testnet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import network.mira.node.cli.HostPort;

/** Asks a node's metrics endpoint whether the process is up ({@code GET /health/live} answers 200). */
final class HealthProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    boolean isLive(HostPort metrics) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + metrics + "/health/live"))
                .timeout(TIMEOUT).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
