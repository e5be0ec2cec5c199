package network.mira.rpc.service;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.FaucetServiceGrpc;
import network.mira.rpc.v1.RequestAirdropRequest;
import network.mira.rpc.v1.RequestAirdropResponse;
import network.mira.settlement.faucet.Faucet;
import network.mira.settlement.faucet.FaucetRefusedException;

/** RequestAirdrop on devnets; the faucet decides, this only translates its refusals. */
public final class FaucetGrpcService extends FaucetServiceGrpc.FaucetServiceImplBase {
    private final Faucet faucet;

    public FaucetGrpcService(Faucet faucet) {
        this.faucet = faucet;
    }

    @Override
    public void requestAirdrop(RequestAirdropRequest request, StreamObserver<RequestAirdropResponse> responses) {
        Responses.answer(responses, () -> {
            PublicKey to = RequestFields.address("address", request.getAddress());
            try {
                return RequestAirdropResponse.newBuilder()
                        .setSignature(faucet.airdrop(to, request.getLamports()).toBase58()).build();
            } catch (FaucetRefusedException e) {
                throw RpcErrors.refusal(code(e), e.reason().name(), e.getMessage());
            }
        });
    }

    /** A mempool refusal takes the code the mempool's reason has for any client transaction. */
    private static Status.Code code(FaucetRefusedException refusal) {
        return switch (refusal.reason()) {
            case REFUSED_BY_MEMPOOL -> refusal.mempoolReason().map(RefusalStatus::of)
                    .orElse(Status.Code.FAILED_PRECONDITION);
            case DISABLED -> Status.Code.FAILED_PRECONDITION;
            case AMOUNT_INVALID -> Status.Code.INVALID_ARGUMENT;
            case RATE_LIMITED -> Status.Code.RESOURCE_EXHAUSTED;
        };
    }
}
