package network.mira.rpc.service;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/**
 * Runs a unary handler body. Expected errors are thrown as StatusRuntimeException from anywhere in
 * the body and must reach the client through onError, where their ErrorInfo trailers survive;
 * anything else is a bug and is left to the internal-error interceptor.
 */
final class Responses {
    private Responses() {}

    static <T> void answer(StreamObserver<T> responses, Supplier<T> body) {
        T response;
        try {
            response = body.get();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
            return;
        }
        responses.onNext(response);
        responses.onCompleted();
    }
}
