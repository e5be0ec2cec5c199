package network.mira.rpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's gRPC endpoint: our services behind metrics and internal-error interceptors, the
 * standard health service (SERVING once started, NOT_SERVING from shutdown on) and server
 * reflection so tools such as grpcurl work without the .proto files.
 */
public final class GrpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);
    static final String PORT_SETTING = "rpc.port in the config file, MIRA_RPC_PORT or --rpc-port";

    /**
     * @param maxInboundMessageBytes largest request accepted; transactions are 1232 bytes, so small is fine
     * @param threads                handler threads; work beyond them waits in a queue of {@code queueLength}
     * @param maxCallsPerConnection  concurrent calls (including streams) one client connection may hold
     * @param shutdownGrace          how long close() lets running calls finish before cancelling them
     */
    public record Settings(String host, int port, int maxInboundMessageBytes, int threads, int queueLength,
                           int maxCallsPerConnection, Duration shutdownGrace) {
        public Settings {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("rpc host must not be empty");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("rpc port must be 0..65535, got " + port);
            }
            if (maxInboundMessageBytes <= 0 || threads <= 0 || queueLength <= 0 || maxCallsPerConnection <= 0) {
                throw new IllegalArgumentException("rpc message size, threads, queue and call limits must be positive");
            }
            if (shutdownGrace.isNegative()) {
                throw new IllegalArgumentException("rpc shutdown grace must not be negative");
            }
        }

        /** Reasonable limits for one node; only the address varies between deployments. */
        public static Settings defaults(String host, int port) {
            return new Settings(host, port, 4 * 1024 * 1024, Math.max(4, Runtime.getRuntime().availableProcessors()),
                    10_000, 1_000, Duration.ofSeconds(5));
        }
    }

    private final Settings settings;
    private final List<BindableService> services;
    private final MeterRegistry metrics;
    private final HealthStatusManager health = new HealthStatusManager();
    private Server server;
    private ThreadPoolExecutor executor;
    private boolean closed;

    public GrpcServer(Settings settings, List<BindableService> services, MeterRegistry metrics) {
        this.settings = settings;
        this.services = List.copyOf(services);
        this.metrics = metrics;
    }

    /**
     * Binds and starts serving.
     *
     * @throws AddressInUseException naming host:port and the setting to change when the port is taken
     * @throws IOException           for any other failure to listen
     */
    public synchronized void start() throws IOException {
        if (server != null || closed) {
            throw new IllegalStateException("a gRPC server starts once");
        }
        InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
        if (address.isUnresolved()) {
            throw new IOException("cannot serve gRPC on " + settings.host() + ":" + settings.port()
                    + ": unknown host (rpc.host)");
        }
        executor = newExecutor();
        Server built = build(address);
        try {
            built.start();
        } catch (IOException e) {
            built.shutdownNow();
            executor.shutdownNow();
            throw AddressInUseException.translate(e, "gRPC", settings.host(), settings.port(), PORT_SETTING);
        }
        server = built;
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        for (BindableService service : services) {
            health.setStatus(service.bindService().getServiceDescriptor().getName(), ServingStatus.SERVING);
        }
        LOG.info("gRPC listening on {}:{}", settings.host(), port());
    }

    /** The bound port; with port 0 in the settings, the one the system picked. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("gRPC server is not started");
        }
        return server.getPort();
    }

    private Server build(InetSocketAddress address) {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(address)
                .executor(executor)
                .maxInboundMessageSize(settings.maxInboundMessageBytes())
                .maxConcurrentCallsPerConnection(settings.maxCallsPerConnection())
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .addService(legacyReflection());
        RpcMetricsInterceptor counting = new RpcMetricsInterceptor(metrics);
        InternalErrorInterceptor internalErrors = new InternalErrorInterceptor();
        for (BindableService service : services) {
            // The last interceptor runs first: metrics see the status the error interceptor sets.
            builder.addService(ServerInterceptors.intercept(service, internalErrors, counting));
        }
        return builder.build();
    }

    /** The v1alpha reflection service is deprecated but still what many installed tools ask for. */
    @SuppressWarnings("deprecation")
    private static ServerServiceDefinition legacyReflection() {
        return io.grpc.protobuf.services.ProtoReflectionService.newInstance().bindService();
    }

    /** Fixed threads and a bounded queue: an overloaded node refuses work instead of growing. */
    private ThreadPoolExecutor newExecutor() {
        AtomicInteger counter = new AtomicInteger();
        return new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.queueLength()), runnable -> {
                    Thread thread = new Thread(runnable, "grpc-handler-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Reports NOT_SERVING, lets running calls finish within the grace period, then cancels the rest. */
    @Override
    public synchronized void close() {
        if (server == null) {
            closed = true;
            return;
        }
        health.enterTerminalState();
        server.shutdown();
        try {
            if (!server.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("gRPC calls still running after {} ms; cancelling them", settings.shutdownGrace().toMillis());
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        executor.shutdown();
        server = null;
        closed = true;
    }
}
