package network.mira.svm;

import java.util.SortedMap;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;

/**
 * State upkeep a block does before its transactions, outside any transaction (no fee, no signer):
 * for example pruning sessions that expired. It runs on every node for every block, so it must be
 * deterministic — read only {@code state} and {@code block}, iterate only sorted collections — and
 * bounded in the work it does per block.
 */
@FunctionalInterface
public interface BlockHook {
    /** Accounts to write before the block's transactions (an empty account deletes); empty for none. */
    SortedMap<PublicKey, Account> beforeTransactions(AccountReader state, BlockContext block);
}
