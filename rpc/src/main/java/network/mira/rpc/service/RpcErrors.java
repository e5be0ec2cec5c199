package network.mira.rpc.service;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Map;

/**
 * Every error our services return carries a {@code google.rpc.ErrorInfo} with a stable reason, so
 * clients match on the reason rather than on the human-readable description.
 */
public final class RpcErrors {
    public static final String DOMAIN = "mira.network";
    /** ErrorInfo reason of a request field that does not parse or is out of range. */
    public static final String INVALID_ARGUMENT = "INVALID_ARGUMENT";

    private RpcErrors() {}

    public static StatusRuntimeException error(Status.Code code, String reason, String description,
                                               Map<String, String> metadata) {
        ErrorInfo info = ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).putAllMetadata(metadata).build();
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(description)
                .addDetails(Any.pack(info))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    /** A refusal: the description is {@code "<REASON>: <message>"}, as the API promises. */
    public static StatusRuntimeException refusal(Status.Code code, String reason, String message) {
        return error(code, reason, reason + ": " + message, Map.of());
    }

    /** A request field that is missing or malformed; the description starts with the field name. */
    public static StatusRuntimeException invalidArgument(String field, String message) {
        return error(Status.Code.INVALID_ARGUMENT, INVALID_ARGUMENT, field + ": " + message, Map.of("field", field));
    }

    public static StatusRuntimeException notFound(String reason, String description) {
        return error(Status.Code.NOT_FOUND, reason, description, Map.of());
    }
}
