package network.mira.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Checks a gRPC error the way a client would: status code, then the ErrorInfo detail. */
final class RpcAssertions {
    private RpcAssertions() {}

    static StatusRuntimeException assertRpcError(ThrowingCallable call, Status.Code code, String reason) {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, call);
        assertThat(error).as("expected a gRPC error with reason " + reason).isNotNull();
        assertThat(error.getStatus().getCode()).as("status code of " + error).isEqualTo(code);
        ErrorInfo info = errorInfo(error);
        assertThat(info.getReason()).isEqualTo(reason);
        assertThat(info.getDomain()).isEqualTo("mira.network");
        return error;
    }

    static ErrorInfo errorInfo(StatusRuntimeException error) {
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        assertThat(status).as("rich status of " + error).isNotNull();
        assertThat(status.getDetailsCount()).isEqualTo(1);
        try {
            return status.getDetails(0).unpack(ErrorInfo.class);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("detail is not an ErrorInfo: " + status.getDetails(0), e);
        }
    }
}
