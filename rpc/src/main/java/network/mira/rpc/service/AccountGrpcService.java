package network.mira.rpc.service;

import io.grpc.stub.StreamObserver;
import java.util.Optional;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.AccountServiceGrpc;
import network.mira.rpc.v1.Commitment;
import network.mira.rpc.v1.GetAccountRequest;
import network.mira.rpc.v1.GetAccountResponse;
import network.mira.rpc.v1.GetBalanceRequest;
import network.mira.rpc.v1.GetBalanceResponse;
import network.mira.settlement.ledger.Ledger;

/**
 * Account reads from finalized state, with the height they reflect. A missing account is an
 * answer (exists=false, 0 lamports), not an error: on Solana chains an unfunded address is normal.
 */
public final class AccountGrpcService extends AccountServiceGrpc.AccountServiceImplBase {
    private final Ledger ledger;

    public AccountGrpcService(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void getAccount(GetAccountRequest request, StreamObserver<GetAccountResponse> responses) {
        Responses.answer(responses, () -> {
            PublicKey address = RequestFields.address("address", request.getAddress());
            RequestFields.commitment(request.getCommitment());
            FinalizedRead<Optional<Account>> read = FinalizedRead.of(ledger, () -> ledger.get(address));
            return ProtoMapper.account(address, read.value(), read.height());
        });
    }

    @Override
    public void getBalance(GetBalanceRequest request, StreamObserver<GetBalanceResponse> responses) {
        Responses.answer(responses, () -> {
            PublicKey address = RequestFields.address("address", request.getAddress());
            RequestFields.commitment(request.getCommitment());
            FinalizedRead<Long> read = FinalizedRead.of(ledger,
                    () -> ledger.get(address).map(Account::lamports).orElse(0L));
            return GetBalanceResponse.newBuilder()
                    .setLamports(read.value())
                    .setCommitment(Commitment.FINALIZED)
                    .setHeight(read.height())
                    .build();
        });
    }
}
