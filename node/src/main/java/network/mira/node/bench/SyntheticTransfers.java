package network.mira.node.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import network.mira.core.account.Account;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.svm.AccountReader;
import network.mira.svm.program.system.SystemProgram;

/**
 * A block of signed System transfers and the funded in-memory state they run against, for the
 * in-process benchmarks. Keys come from fixed seeds so every run builds the same block; building
 * (key generation and signing) is spread over all cores and never timed.
 */
final class SyntheticTransfers {
    static final long SENDER_LAMPORTS = 1_000_000_000L;
    private static final Hash BLOCKHASH = Hash.sha256("mira-bench-blockhash".getBytes(StandardCharsets.UTF_8));

    private final List<Transaction> transactions;
    private final Map<PublicKey, Account> accounts;

    private SyntheticTransfers(List<Transaction> transactions, Map<PublicKey, Account> accounts) {
        this.transactions = transactions;
        this.accounts = accounts;
    }

    /**
     * {@code count} transfers, transfer i from sender {@code i % senders}. A fraction
     * {@code conflict} of them, spread evenly through the block, pays one shared hot account; the
     * others pay a receiver of their own. With one sender per transfer and conflict 0 no two
     * transfers share a writable account.
     */
    static SyntheticTransfers build(int count, int senders, double conflict) {
        KeyPair[] keys = IntStream.range(0, senders).parallel()
                .mapToObj(i -> KeyPair.fromSeed(seed("sender", i))).toArray(KeyPair[]::new);
        PublicKey hot = PublicKey.wrap(seed("hot", 0));
        long hotTransfers = Math.round(conflict * count);
        List<Transaction> transactions = IntStream.range(0, count).parallel().mapToObj(i -> {
            KeyPair from = keys[i % senders];
            boolean toHot = (i + 1L) * hotTransfers / count > i * hotTransfers / count;
            PublicKey to = toHot ? hot : PublicKey.wrap(seed("receiver", i));
            return Transaction.sign(MessageCompiler.compileLegacy(from.publicKey(),
                    List.of(SystemProgram.transfer(from.publicKey(), to, 1_000 + i % 1_000)), BLOCKHASH), List.of(from));
        }).toList();
        Map<PublicKey, Account> accounts = new HashMap<>(senders * 2);
        for (KeyPair key : keys) {
            accounts.put(key.publicKey(), Account.ofLamports(SENDER_LAMPORTS, SystemProgram.ID));
        }
        return new SyntheticTransfers(transactions, accounts);
    }

    List<Transaction> transactions() {
        return transactions;
    }

    /** Committed state: the funded senders, in a map nobody writes while it is read. */
    AccountReader state() {
        return address -> Optional.ofNullable(accounts.get(address));
    }

    private static byte[] seed(String role, int index) {
        return Hash.sha256(role.getBytes(StandardCharsets.UTF_8), ByteBuffer.allocate(4).putInt(index).array()).bytes();
    }
}
