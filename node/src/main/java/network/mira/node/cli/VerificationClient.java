package network.mira.node.cli;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.function.Function;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.GetCertificateRequest;
import network.mira.rpc.v1.GetCertificateResponse;
import network.mira.rpc.v1.GetVerificationRequestRequest;
import network.mira.rpc.v1.GetVerificationRequestResponse;
import network.mira.rpc.v1.GetVerifierStatsRequest;
import network.mira.rpc.v1.GetVerifierStatsResponse;
import network.mira.rpc.v1.SubmitVerificationRequest;
import network.mira.rpc.v1.SubmitVerificationResponse;
import network.mira.rpc.v1.VerificationServiceGrpc;

/** The node's VerificationService for the {@code mira verify} commands, on a {@link CliChannel}. */
final class VerificationClient implements AutoCloseable {
    private final CliChannel channel;

    VerificationClient(HostPort endpoint, Duration deadline) {
        this.channel = new CliChannel(endpoint, deadline);
    }

    static VerificationClient connect(HostPort endpoint) {
        return new VerificationClient(endpoint, RpcClient.DEFAULT_DEADLINE);
    }

    SubmitVerificationResponse submit(byte[] transaction) {
        return call(stub -> stub.submitRequest(SubmitVerificationRequest.newBuilder()
                .setTransaction(ByteString.copyFrom(transaction)).build()));
    }

    GetVerificationRequestResponse request(PublicKey request) {
        return call(stub -> stub.getRequest(GetVerificationRequestRequest.newBuilder()
                .setRequest(request.toBase58()).build()));
    }

    GetCertificateResponse certificate(PublicKey request) {
        return call(stub -> stub.getCertificate(GetCertificateRequest.newBuilder()
                .setRequest(request.toBase58()).build()));
    }

    /** @param validator null for every validator with a record */
    GetVerifierStatsResponse stats(PublicKey validator) {
        GetVerifierStatsRequest.Builder request = GetVerifierStatsRequest.newBuilder();
        if (validator != null) {
            request.setValidator(validator.toBase58());
        }
        return call(stub -> stub.getValidatorStats(request.build()));
    }

    private <T> T call(Function<VerificationServiceGrpc.VerificationServiceBlockingStub, T> call) {
        return channel.call(VerificationServiceGrpc::newBlockingStub, call);
    }

    @Override
    public void close() {
        channel.close();
    }
}
