package network.mira.settlement.consensus;

import java.util.Optional;
import network.mira.core.account.Account;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.mempool.ChainView;
import network.mira.svm.compute.ComputeParameters;

/** Admission's view of the finalized chain, read from the ledger. */
public final class LedgerChainView implements ChainView {
    private final Ledger ledger;
    private final ChainParameters parameters;

    public LedgerChainView(Ledger ledger, ChainParameters parameters) {
        this.ledger = ledger;
        this.parameters = parameters;
    }

    @Override
    public long finalizedHeight() {
        return ledger.finalizedHeight();
    }

    @Override
    public Optional<Long> heightOf(Hash blockHash) {
        return ledger.heightOf(blockHash);
    }

    @Override
    public boolean isProcessed(Signature signature) {
        return ledger.transaction(signature).isPresent();
    }

    @Override
    public Optional<Account> account(PublicKey address) {
        return ledger.get(address);
    }

    @Override
    public long lamportsPerSignature() {
        return parameters.lamportsPerSignature();
    }

    @Override
    public ComputeParameters compute() {
        return parameters.compute();
    }

    @Override
    public int blockhashMaxAgeBlocks() {
        return parameters.blockhashMaxAgeBlocks();
    }
}
