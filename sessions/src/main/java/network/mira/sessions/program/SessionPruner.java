package network.mira.sessions.program;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import network.mira.core.account.Account;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.svm.AccountReader;
import network.mira.svm.BlockContext;
import network.mira.svm.BlockHook;
import network.mira.svm.program.system.SystemProgram;

/**
 * Prunes expired sessions before each block's transactions, with nobody asking: every minute that
 * ended before the block's time is read from its expiry bucket, its sessions are deleted and
 * recorded as expired in their owners' books, and the bucket is deleted. A cursor account remembers
 * the first minute not yet pruned. An expired session authorizes nothing whether or not it has been
 * pruned; pruning only frees the state, at most {@link #MAX_MINUTES_PER_BLOCK} minutes per block so
 * a chain that was idle for long catches up over several blocks.
 */
public final class SessionPruner implements BlockHook {
    public static final int MAX_MINUTES_PER_BLOCK = 4;
    private static final Account DELETED = new Account(0, new byte[0], SystemProgram.ID, false);
    private static final Signature NO_TRANSACTION = Signature.wrap(new byte[Signature.LENGTH]);

    @Override
    public SortedMap<PublicKey, Account> beforeTransactions(AccountReader state, BlockContext block) {
        SortedMap<PublicKey, Account> changes = new TreeMap<>();
        long currentMinute = ExpiryBucket.bucketOf(block.timestampMs());
        Optional<Account> cursorAccount = state.get(SessionProgram.EXPIRY_CURSOR);
        if (cursorAccount.isEmpty()) {
            // The first block that runs the program starts the cursor: no session can expire before it.
            changes.put(SessionProgram.EXPIRY_CURSOR, cursor(currentMinute));
            return changes;
        }
        long minute = readCursor(cursorAccount.get());
        int pruned = 0;
        while (minute < currentMinute && pruned < MAX_MINUTES_PER_BLOCK) {
            prune(state, changes, minute, block.height());
            minute++;
            pruned++;
        }
        if (pruned > 0) {
            changes.put(SessionProgram.EXPIRY_CURSOR, cursor(minute));
        }
        return changes;
    }

    private static void prune(AccountReader state, SortedMap<PublicKey, Account> changes, long minute, long height) {
        PublicKey bucketAddress = SessionProgram.expiryBucket(minute);
        Optional<Account> bucketAccount = state.get(bucketAddress);
        if (bucketAccount.isEmpty()) {
            return;
        }
        ExpiryBucket bucket = decode(bucketAccount.get(), ExpiryBucket::decode, "expiry bucket " + minute);
        for (ExpiryBucket.Entry entry : bucket.entries()) {
            state.get(entry.session()).ifPresent(session -> changes.put(entry.session(), retired(session)));
            PublicKey bookAddress = SessionProgram.ownerBook(entry.owner());
            Account bookAccount = Optional.ofNullable(changes.get(bookAddress)).or(() -> state.get(bookAddress))
                    .orElseThrow(() -> new IllegalStateException("owner book of " + entry.owner() + " is missing"));
            OwnerBook book = decode(bookAccount, OwnerBook::decode, "owner book of " + entry.owner());
            changes.put(bookAddress, bookAccount.withData(book.withoutSession(entry.session()).with(
                    SessionEvent.of(SessionEvent.Kind.EXPIRED, entry.session(), height, NO_TRANSACTION)).encode()));
        }
        changes.put(bucketAddress, retired(bucketAccount.get()));
    }

    /**
     * Deleted, or, if someone sent it lamports, handed back to the System program with them: pruning
     * never destroys lamports.
     */
    private static Account retired(Account account) {
        return account.lamports() == 0 ? DELETED : new Account(account.lamports(), new byte[0], SystemProgram.ID, false);
    }

    private static Account cursor(long minute) {
        return new Account(0, new ByteWriter(8).u64(minute).toByteArray(), SessionProgram.ID, false);
    }

    private static long readCursor(Account account) {
        try {
            ByteReader in = new ByteReader(account.data());
            long minute = in.u64("cursor");
            in.expectEnd("cursor");
            return minute;
        } catch (DecodeException e) {
            throw new IllegalStateException("the session expiry cursor does not decode: " + e.getMessage(), e);
        }
    }

    private static <T> T decode(Account account, SessionUse.Decoder<T> decoder, String what) {
        try {
            return decoder.decode(account.data());
        } catch (DecodeException e) {
            throw new IllegalStateException(what + " does not decode: " + e.getMessage(), e);
        }
    }
}
