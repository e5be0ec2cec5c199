package network.mira.settlement.consensus;

import java.util.ArrayList;
import java.util.List;
import network.mira.core.consensus.CommitCertificate;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.settlement.ledger.TransactionStatus;
import network.mira.settlement.production.BuiltBlock;

/** What the ledger stores for an executed block once its certificate exists. */
final class FinalizedBlocks {
    private FinalizedBlocks() {}

    static FinalizedBlock of(BuiltBlock built, CommitCertificate certificate) {
        List<TransactionStatus> statuses = new ArrayList<>(built.results().size());
        for (int i = 0; i < built.results().size(); i++) {
            statuses.add(TransactionStatus.of(built.results().get(i), built.block().height(), i));
        }
        return new FinalizedBlock(built.block(), certificate, built.state().changedAccounts(), statuses,
                built.accountKeys(), built.nextValidatorSet(), built.stakingEvents());
    }
}
