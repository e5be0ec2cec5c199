package network.mira.settlement.ledger;

import java.util.List;
import java.util.SortedMap;
import network.mira.core.account.Account;
import network.mira.core.block.Block;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.crypto.PublicKey;

/**
 * Everything one finalized block changes, written to disk as a unit: the block, the certificate
 * that proves it final, the resulting accounts (empty ones are deletions) and every transaction's
 * status.
 */
public record FinalizedBlock(Block block, CommitCertificate certificate,
                             SortedMap<PublicKey, Account> changedAccounts,
                             List<TransactionStatus> statuses,
                             List<List<PublicKey>> accountKeysPerTransaction) {
    public FinalizedBlock {
        if (statuses.size() != block.header().transactionCount()
                || accountKeysPerTransaction.size() != statuses.size()) {
            throw new IllegalArgumentException("block " + block.height() + " has "
                    + block.header().transactionCount() + " transactions but " + statuses.size() + " statuses");
        }
        if (certificate.height() != block.height() || !certificate.blockHash().equals(block.hash())) {
            throw new IllegalArgumentException("certificate does not belong to block " + block.height());
        }
    }
}
