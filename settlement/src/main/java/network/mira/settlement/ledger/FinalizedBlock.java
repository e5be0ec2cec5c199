package network.mira.settlement.ledger;

import java.util.List;
import java.util.Optional;
import network.mira.core.consensus.ValidatorSet;
import network.mira.settlement.staking.StakingEvent;
import java.util.SortedMap;
import network.mira.core.account.Account;
import network.mira.core.block.Block;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.crypto.PublicKey;

/**
 * Everything one finalized block changes, written to disk as a unit: the block, the certificate
 * that proves it final, the resulting accounts (empty ones are deletions) and every transaction's
 * status, and, when the block ends an epoch, the validator set its execution chose for the next; the
 * staking events of the block (the ledger indexes the rewards paid).
 */
public record FinalizedBlock(Block block, CommitCertificate certificate,
                             SortedMap<PublicKey, Account> changedAccounts,
                             List<TransactionStatus> statuses,
                             List<List<PublicKey>> accountKeysPerTransaction,
                             Optional<ValidatorSet> nextValidatorSet, List<StakingEvent> stakingEvents) {
    /** A block after which the set does not change and which did no staking work. */
    public FinalizedBlock(Block block, CommitCertificate certificate, SortedMap<PublicKey, Account> changedAccounts,
                          List<TransactionStatus> statuses, List<List<PublicKey>> accountKeysPerTransaction) {
        this(block, certificate, changedAccounts, statuses, accountKeysPerTransaction, Optional.empty(), List.of());
    }

    public FinalizedBlock {
        stakingEvents = List.copyOf(stakingEvents);
        if (nextValidatorSet.isPresent()
                && !nextValidatorSet.get().hash().equals(block.header().nextValidatorSetHash())) {
            throw new IllegalArgumentException("block " + block.height() + " names next set "
                    + block.header().nextValidatorSetHash() + ", not " + nextValidatorSet.get().hash());
        }
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
