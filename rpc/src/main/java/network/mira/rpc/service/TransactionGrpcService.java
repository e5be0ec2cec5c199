package network.mira.rpc.service;

import io.grpc.stub.StreamObserver;
import java.util.Optional;
import network.mira.core.block.Block;
import network.mira.core.crypto.Signature;
import network.mira.rpc.v1.GetTransactionRequest;
import network.mira.rpc.v1.GetTransactionResponse;
import network.mira.rpc.v1.SubmitTransactionRequest;
import network.mira.rpc.v1.SubmitTransactionResponse;
import network.mira.rpc.v1.SubmitResult;
import network.mira.rpc.v1.SubmitTransactionsRequest;
import network.mira.rpc.v1.SubmitTransactionsResponse;
import network.mira.rpc.v1.TransactionServiceGrpc;
import network.mira.rpc.v1.TransactionState;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.LedgerException;
import network.mira.settlement.ledger.TransactionStatus;
import network.mira.settlement.mempool.AdmissionResult;
import network.mira.settlement.mempool.Mempool;

/**
 * SubmitTransaction(s) through mempool admission; GetTransaction from the ledger or the mempool.
 */
public final class TransactionGrpcService extends TransactionServiceGrpc.TransactionServiceImplBase {
    /** Bounds the work one call can ask for; the message size limit bounds its bytes. */
    public static final int MAX_BATCH = 1024;

    private final Ledger ledger;
    private final Mempool mempool;

    public TransactionGrpcService(Ledger ledger, Mempool mempool) {
        this.ledger = ledger;
        this.mempool = mempool;
    }

    @Override
    public void submitTransaction(SubmitTransactionRequest request,
                                  StreamObserver<SubmitTransactionResponse> responses) {
        Responses.answer(responses, () -> {
            Signature signature = Admission.submit(mempool, request.getTransaction().toByteArray());
            return SubmitTransactionResponse.newBuilder().setSignature(signature.toBase58()).build();
        });
    }

    /**
     * Each transaction goes through exactly the admission SubmitTransaction uses; one refusal does
     * not affect the others. The whole call is refused only when the batch itself is invalid.
     */
    @Override
    public void submitTransactions(SubmitTransactionsRequest request,
                                   StreamObserver<SubmitTransactionsResponse> responses) {
        Responses.answer(responses, () -> {
            int count = request.getTransactionsCount();
            if (count == 0 || count > MAX_BATCH) {
                throw RpcErrors.invalidArgument("transactions",
                        "a batch holds 1 to " + MAX_BATCH + " transactions, got " + count);
            }
            SubmitTransactionsResponse.Builder answer = SubmitTransactionsResponse.newBuilder();
            for (int i = 0; i < count; i++) {
                AdmissionResult result = mempool.submit(request.getTransactions(i).toByteArray());
                SubmitResult.Builder one = SubmitResult.newBuilder();
                if (result.isAccepted()) {
                    one.setSignature(result.signature().orElseThrow().toBase58());
                } else {
                    one.setReason(result.reason().orElseThrow().name()).setMessage(result.message());
                }
                answer.addResults(one);
            }
            return answer.build();
        });
    }

    @Override
    public void getTransaction(GetTransactionRequest request, StreamObserver<GetTransactionResponse> responses) {
        Responses.answer(responses, () -> lookUp(RequestFields.signature("signature", request.getSignature())));
    }

    /**
     * Ledger, then mempool, then ledger again: the engine commits a block before it removes its
     * transactions from the mempool, so a transaction finalized between the first two looks would
     * otherwise be reported UNKNOWN.
     */
    private GetTransactionResponse lookUp(Signature signature) {
        Optional<GetTransactionResponse> finalized = finalized(signature);
        if (finalized.isPresent()) {
            return finalized.get();
        }
        if (mempool.contains(signature)) {
            return ProtoMapper.notIncluded(signature, TransactionState.PENDING);
        }
        return finalized(signature).orElseGet(() -> ProtoMapper.notIncluded(signature, TransactionState.UNKNOWN));
    }

    private Optional<GetTransactionResponse> finalized(Signature signature) {
        return ledger.transaction(signature).map(status -> ProtoMapper.finalizedTransaction(status, blockOf(status)));
    }

    private Block blockOf(TransactionStatus status) {
        return ledger.block(status.height()).orElseThrow(() -> new LedgerException("data dir is corrupt: transaction "
                + status.signature() + " names block " + status.height() + ", which is missing"));
    }
}
