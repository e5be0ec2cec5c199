package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.service.VerificationGrpcService;
import network.mira.rpc.v1.GetVerificationRequestRequest;
import network.mira.rpc.v1.GetVerifierStatsRequest;
import network.mira.rpc.v1.GetVerifierStatsResponse;
import network.mira.rpc.v1.VerificationServiceGrpc;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MiraNode serves VerificationService on every chain: answering from state where the verification
 * program runs (a genesis with parameters), and saying VERIFICATION_NOT_ENABLED where it does not.
 */
class VerificationRpcDevnetTest {
    private static final String NOBODY = PublicKey.wrap(Hash.sha256(new byte[] {42}).bytes()).toBase58();

    @TempDir
    Path work;

    private static void withService(InProcessDevnet node, ServiceCheck check) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forTarget(node.rpc()).usePlaintext().build();
        try {
            check.run(VerificationServiceGrpc.newBlockingStub(channel));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private interface ServiceCheck {
        void run(VerificationServiceGrpc.VerificationServiceBlockingStub service) throws Exception;
    }

    private static void assertReason(ThrowingCallable call, Status.Code code, String reason) throws Exception {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, call);
        assertThat(error).isNotNull();
        assertThat(error.getStatus().getCode()).isEqualTo(code);
        assertThat(StatusProto.fromThrowable(error).getDetails(0).unpack(ErrorInfo.class).getReason())
                .isEqualTo(reason);
    }

    @Test
    void aChainWithParametersAnswersFromItsState() throws Exception {
        try (InProcessDevnet node = InProcessDevnet.start(work.resolve("params"),
                GenesisParameters.complete(Map.of()))) {
            withService(node, service -> {
                assertReason(() -> service.getRequest(GetVerificationRequestRequest.newBuilder().setRequest(NOBODY)
                        .build()), Status.Code.NOT_FOUND, VerificationGrpcService.REQUEST_NOT_FOUND);
                GetVerifierStatsResponse stats = service.getValidatorStats(GetVerifierStatsRequest.getDefaultInstance());
                assertThat(stats.getValidatorsList()).as("the devnet's one validator, with no record yet: zeros")
                        .singleElement().satisfies(validator -> {
                            assertThat(validator.getResolved()).isZero();
                            assertThat(validator.getMissedReveals()).isZero();
                        });
            });
        }
    }

    @Test
    void aChainWithoutParametersSaysTheProgramDoesNotRun() throws Exception {
        try (InProcessDevnet node = InProcessDevnet.start(work.resolve("plain"))) {
            withService(node, service -> assertReason(() -> service.getRequest(GetVerificationRequestRequest
                    .newBuilder().setRequest(NOBODY).build()), Status.Code.FAILED_PRECONDITION,
                    VerificationGrpcService.VERIFICATION_NOT_ENABLED));
        }
    }
}
