package network.mira.svm.parallel;

import java.util.Arrays;
import java.util.List;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Message;

/**
 * The accounts one transaction may write and may only read, taken from its message header
 * ({@link Message#isWritable}) exactly as the executor judges writability. Every account key of the
 * message is in exactly one of the two sets, program ids included: the executor loads all of them.
 *
 * <p>Two transactions conflict when they share an account and at least one of them writes it;
 * read-only sharing is not a conflict.
 */
public final class AccountLocks {
    private final PublicKey[] writable;
    private final PublicKey[] readOnly;

    private AccountLocks(PublicKey[] writable, PublicKey[] readOnly) {
        this.writable = writable;
        this.readOnly = readOnly;
    }

    public static AccountLocks of(Message message) {
        List<PublicKey> keys = message.accountKeys();
        int writableCount = 0;
        for (int i = 0; i < keys.size(); i++) {
            writableCount += message.isWritable(i) ? 1 : 0;
        }
        PublicKey[] writable = new PublicKey[writableCount];
        PublicKey[] readOnly = new PublicKey[keys.size() - writableCount];
        int w = 0;
        int r = 0;
        for (int i = 0; i < keys.size(); i++) {
            if (message.isWritable(i)) {
                writable[w++] = keys.get(i);
            } else {
                readOnly[r++] = keys.get(i);
            }
        }
        return new AccountLocks(writable, readOnly);
    }

    /** Accounts written, in message order. */
    public List<PublicKey> writable() {
        return List.of(writable);
    }

    /** Accounts only read, in message order. */
    public List<PublicKey> readOnly() {
        return List.of(readOnly);
    }

    int writableCount() {
        return writable.length;
    }

    PublicKey writable(int index) {
        return writable[index];
    }

    int readOnlyCount() {
        return readOnly.length;
    }

    PublicKey readOnly(int index) {
        return readOnly[index];
    }

    /** True when the two share an account that at least one of them writes. */
    public boolean conflictsWith(AccountLocks other) {
        for (PublicKey key : writable) {
            if (other.writes(key) || other.reads(key)) {
                return true;
            }
        }
        for (PublicKey key : readOnly) {
            if (other.writes(key)) {
                return true;
            }
        }
        return false;
    }

    private boolean writes(PublicKey key) {
        return Arrays.asList(writable).contains(key);
    }

    private boolean reads(PublicKey key) {
        return Arrays.asList(readOnly).contains(key);
    }

    @Override
    public String toString() {
        return "AccountLocks[writable=" + Arrays.toString(writable) + ", readOnly=" + Arrays.toString(readOnly) + "]";
    }
}
