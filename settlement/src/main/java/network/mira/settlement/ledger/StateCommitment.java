package network.mira.settlement.ledger;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import network.mira.core.account.Account;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.state.StateTree;
import network.mira.core.store.KeyValueStore;
import network.mira.core.store.WriteSet;

/**
 * Maps accounts onto the sparse Merkle state tree: the path is SHA-256 of the address (so nobody
 * can choose where their account sits) and the leaf value is the hash of address and account
 * bytes. Cost is proportional to the accounts a block changes.
 */
public final class StateCommitment {
    private final KeyValueStore store;

    public StateCommitment(KeyValueStore store) {
        this.store = store;
    }

    public Hash root() {
        return new StateTree(store).root();
    }

    public PreparedState prepare(SortedMap<PublicKey, Account> changes) {
        SortedMap<Hash, Optional<Hash>> leaves = new TreeMap<>();
        for (var entry : changes.entrySet()) {
            Account account = entry.getValue();
            leaves.put(keyPath(entry.getKey()),
                    account.isEmpty() ? Optional.empty() : Optional.of(account.hash(entry.getKey())));
        }
        WriteSet writes = new WriteSet();
        Hash root = new StateTree(store).apply(leaves, writes);
        return new PreparedState(root, new TreeMap<>(changes), writes);
    }

    public static Hash keyPath(PublicKey address) {
        return Hash.sha256(address.bytes());
    }
}
