package network.mira.node.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real `mira-node start` process on free loopback ports, with its output in a log file: a devnet
 * node, or a follower of an existing chain.
 */
final class NodeProcess implements AutoCloseable {
    final Path dataDir;
    final Path log;
    final int rpcPort;
    final int metricsPort;
    final int p2pPort;
    private final List<String> chainArguments;
    private Process process;

    /** A single-validator devnet node ({@code --dev}). */
    NodeProcess(Path dataDir, Path log) throws IOException {
        this(dataDir, log, List.of("--dev"));
    }

    private NodeProcess(Path dataDir, Path log, List<String> chainArguments) throws IOException {
        this.dataDir = dataDir;
        this.log = log;
        this.chainArguments = List.copyOf(chainArguments);
        this.rpcPort = freePort();
        this.metricsPort = freePort();
        this.p2pPort = freePort();
    }

    /** A node of an existing chain whose key (any fresh key) is not a validator's: a follower. */
    static NodeProcess follower(Path dataDir, Path log, Path genesis, Path key, String persistentPeers)
            throws IOException {
        return new NodeProcess(dataDir, log, List.of("--genesis", genesis.toString(), "--validator-key",
                key.toString(), "--p2p-persistent-peers", persistentPeers));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    List<String> startArguments() {
        List<String> arguments = new ArrayList<>(List.of("start"));
        arguments.addAll(chainArguments);
        arguments.addAll(List.of("--data-dir", dataDir.toString(),
                "--rpc-port", Integer.toString(rpcPort), "--metrics-port", Integer.toString(metricsPort),
                "--p2p-port", Integer.toString(p2pPort)));
        return arguments;
    }

    /** Starts the process and returns how long it took until /health/ready answered 200. */
    Duration start() throws IOException, InterruptedException {
        long started = System.nanoTime();
        process = JavaProcess.builder("network.mira.node.MiraNodeMain", startArguments())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + metricsPort + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("node did not become ready:\n" + logText());
    }

    String rpc() {
        return "127.0.0.1:" + rpcPort;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("node ignored SIGTERM:\n" + logText());
        }
        return process.exitValue();
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
