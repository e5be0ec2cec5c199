package network.mira.rpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Services report expected errors through onError; an exception escaping a handler is a bug or a
 * broken data dir. It is logged with its stack trace here and the client gets INTERNAL without
 * internals, instead of gRPC's default UNKNOWN that bypasses our metrics.
 */
final class InternalErrorInterceptor implements ServerInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(InternalErrorInterceptor.class);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            @Override
            public void onMessage(Q message) {
                try {
                    super.onMessage(message);
                } catch (RuntimeException e) {
                    fail(call, e);
                }
            }

            @Override
            public void onHalfClose() {
                try {
                    super.onHalfClose();
                } catch (RuntimeException e) {
                    fail(call, e);
                }
            }

            @Override
            public void onReady() {
                try {
                    super.onReady();
                } catch (RuntimeException e) {
                    fail(call, e);
                }
            }
        };
    }

    private static void fail(ServerCall<?, ?> call, RuntimeException e) {
        String method = call.getMethodDescriptor().getFullMethodName();
        try {
            if (e instanceof StatusRuntimeException expected) {
                // Thrown instead of passed to onError: still an answer we meant to give, trailers included.
                Metadata trailers = expected.getTrailers();
                call.close(expected.getStatus(), trailers == null ? new Metadata() : trailers);
                return;
            }
            LOG.error("unexpected error in {}: {}", method, e.toString(), e);
            call.close(Status.INTERNAL.withDescription("internal error in " + method + "; see the node log"),
                    new Metadata());
        } catch (IllegalStateException alreadyClosed) {
            // The handler closed the call before throwing; the log line above is all that is left to do.
        }
    }
}
