package network.mira.rpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts calls by method and final status code ({@code mira_rpc_requests}) and times them
 * ({@code mira_rpc_latency}). Method names come from registered services only, so the tag
 * cardinality is bounded. A call ends either by close or by cancellation; each is counted once.
 */
public final class RpcMetricsInterceptor implements ServerInterceptor {
    private final MeterRegistry registry;

    public RpcMetricsInterceptor(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        Recorder recorder = new Recorder(call.getMethodDescriptor().getFullMethodName(), System.nanoTime());
        ServerCall<Q, R> recorded = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                recorder.record(status.getCode());
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<Q> listener = next.startCall(recorded, headers);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                recorder.record(Status.Code.CANCELLED);
                super.onCancel();
            }
        };
    }

    private final class Recorder {
        private final String method;
        private final long startedNanos;
        private final AtomicBoolean done = new AtomicBoolean();

        Recorder(String method, long startedNanos) {
            this.method = method;
            this.startedNanos = startedNanos;
        }

        void record(Status.Code code) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            Counter.builder("mira_rpc_requests").description("gRPC calls by method and status code")
                    .tag("method", method).tag("code", code.name()).register(registry).increment();
            Timer.builder("mira_rpc_latency").description("gRPC call duration (streams: until they end)")
                    .tag("method", method).register(registry)
                    .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        }
    }
}
