package network.mira.svm;

import java.util.List;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;

/**
 * Working copies of the accounts a transaction declared, indexed as in its message. Accounts that
 * do not exist yet start as empty system-owned accounts, as in Solana.
 */
final class TransactionAccounts {
    private final List<PublicKey> keys;
    private final Account[] working;

    TransactionAccounts(List<PublicKey> keys, AccountReader state, PublicKey systemProgramId) {
        this.keys = List.copyOf(keys);
        this.working = new Account[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            working[i] = state.get(keys.get(i)).orElse(Account.ofLamports(0, systemProgramId));
        }
    }

    Account get(int index) {
        return working[index];
    }

    void set(int index, Account account) {
        working[index] = account;
    }

    PublicKey key(int index) {
        return keys.get(index);
    }

    int size() {
        return working.length;
    }

    Account[] snapshot() {
        return working.clone();
    }

    void restore(Account[] snapshot) {
        System.arraycopy(snapshot, 0, working, 0, working.length);
    }
}
