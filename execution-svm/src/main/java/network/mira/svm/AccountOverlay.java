package network.mira.svm;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;

/**
 * Pending account changes on top of committed state. Changes are kept sorted by address so that
 * whatever is derived from them (state root, write batch) is the same on every node.
 */
public final class AccountOverlay implements AccountReader {
    private final AccountReader base;
    private final TreeMap<PublicKey, Account> changes = new TreeMap<>();

    public AccountOverlay(AccountReader base) {
        this.base = base;
    }

    @Override
    public Optional<Account> get(PublicKey address) {
        Account changed = changes.get(address);
        if (changed != null) {
            return changed.isEmpty() ? Optional.empty() : Optional.of(changed);
        }
        return base.get(address);
    }

    /** Records the new value; an empty account (no lamports, no data) means the account is deleted. */
    public void put(PublicKey address, Account account) {
        changes.put(address, account);
    }

    /** Every touched account's final value, in address order; empty accounts are deletions. */
    public SortedMap<PublicKey, Account> changes() {
        return Collections.unmodifiableSortedMap(changes);
    }
}
