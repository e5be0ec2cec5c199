package network.mira.settlement.ledger;

import java.util.SortedMap;
import network.mira.core.account.Account;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.store.WriteSet;

/**
 * The state a block would produce, computed once when the block is built or checked: the new root
 * and the state-tree writes that realise it. Nothing is on disk until the block is finalized.
 */
public record PreparedState(Hash stateRoot, SortedMap<PublicKey, Account> changedAccounts, WriteSet treeWrites) {}
