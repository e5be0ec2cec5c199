package network.mira.settlement.mempool;

import java.util.Optional;
import network.mira.core.account.Account;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.svm.compute.ComputeParameters;

/** What admission needs to know about the finalized chain; the ledger provides it. */
public interface ChainView {
    long finalizedHeight();

    /** Height of the finalized block with this hash, if any. */
    Optional<Long> heightOf(Hash blockHash);

    boolean isProcessed(Signature signature);

    Optional<Account> account(PublicKey address);

    long lamportsPerSignature();

    /** The chain's compute limits, which a transaction's requested limit is clamped to. */
    ComputeParameters compute();

    int blockhashMaxAgeBlocks();
}
