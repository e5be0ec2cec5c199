package network.mira.sessions.program;

import java.util.Map;
import java.util.Set;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.svm.InstructionAccount;
import network.mira.svm.InstructionException;
import network.mira.svm.InvokeContext;
import network.mira.svm.program.system.SystemProgram;

/** One instruction by a session key: the checks before, the inner instruction, the measurements after. */
final class SessionUse {
    @FunctionalInterface
    interface Decoder<T> {
        T decode(byte[] bytes) throws DecodeException;
    }

    private final InvokeContext context;
    private final InstructionAccount sessionAccount;
    private final InstructionAccount ownerAccount;
    private final InstructionAccount book;
    private final SessionRecord record;
    private final long height;

    /** Accounts [session, session key, owner, owner book, ...]: checks all but scope and limits. */
    SessionUse(InvokeContext context) throws InstructionException {
        this.context = context;
        this.sessionAccount = context.account(0);
        this.record = load(sessionAccount);
        InstructionAccount key = context.account(1);
        if (!key.key().equals(record.sessionKey())) {
            throw new InstructionException("SessionKeyMismatch", "session " + sessionAccount.key()
                    + " is held by key " + record.sessionKey() + ", not " + key.key());
        }
        SessionProgramRuntime.signer(key, "session key");
        this.ownerAccount = context.account(2);
        if (!ownerAccount.key().equals(record.owner())) {
            throw new InstructionException("OwnerMismatch", "session " + sessionAccount.key() + " acts for "
                    + record.owner() + ", not " + ownerAccount.key());
        }
        if (!ownerAccount.isWritable()) {
            throw new InstructionException("ACCOUNT_NOT_WRITABLE", "owner " + ownerAccount.key()
                    + " must be writable");
        }
        this.book = SessionProgramRuntime.expect(context.account(3), SessionProgram.ownerBook(record.owner()),
                "owner book");
        this.height = context.block().height();
        if (record.isRevoked() && height > record.revokedAtHeight()) {
            throw new InstructionException("SessionRevoked", "session " + sessionAccount.key()
                    + " was revoked at height " + record.revokedAtHeight());
        }
        if (context.block().timestampMs() >= record.expiresAtMs()) {
            throw new InstructionException("SessionExpired", "session " + sessionAccount.key() + " expired at "
                    + record.expiresAtMs() + " ms; the block time is " + context.block().timestampMs() + " ms");
        }
    }

    void act(SessionInstruction.Act act) throws InstructionException {
        PublicKey program = act.program();
        if (program.equals(SessionProgram.ID) || !SessionProgramRuntime.inScope(record.scope(), program, act.data())) {
            throw new InstructionException("ProgramNotInScope", "program " + program
                    + (act.data().length > 0 ? " instruction " + (act.data()[0] & 0xFF) : "")
                    + " is not in the scope of session " + sessionAccount.key());
        }
        Signature transaction = context.transactionId();
        boolean newTransaction = !transaction.equals(record.lastTransaction());
        if (newTransaction && record.scope().maxTransactions().isPresent()
                && record.transactions() >= record.scope().maxTransactions().getAsLong()) {
            throw new InstructionException("TransactionCountExceeded", "session " + sessionAccount.key()
                    + " has made its " + record.transactions() + " transactions");
        }
        Map<PublicKey, Long> before = SessionProgramRuntime.lamportsOf(context);
        context.invoke(program, act.accountIndexes(), act.data(), Set.of(record.owner()));
        Map<PublicKey, Long> after = SessionProgramRuntime.lamportsOf(context);
        long spent = Math.max(0, before.get(record.owner()) - after.get(record.owner()));
        checkRecipients(before, after);
        long inTransaction = newTransaction ? spent : Math.addExact(record.lastTransactionSpent(), spent);
        if (record.scope().perTransactionLimit().isPresent()
                && inTransaction > record.scope().perTransactionLimit().getAsLong()) {
            throw new InstructionException("PerTransactionLimitExceeded", inTransaction
                    + " lamports would leave the owner in this transaction, more than the limit of "
                    + record.scope().perTransactionLimit().getAsLong());
        }
        long total = Math.addExact(record.spent(), spent);
        if (record.scope().spendLimit().isPresent() && total > record.scope().spendLimit().getAsLong()) {
            throw new InstructionException("SpendLimitExceeded", "the session would have spent " + total
                    + " lamports, more than its limit of " + record.scope().spendLimit().getAsLong() + " ("
                    + (record.scope().spendLimit().getAsLong() - record.spent()) + " remain)");
        }
        save(record.used(transaction, spent), new SessionEvent(SessionEvent.Kind.USED, sessionAccount.key(), height,
                transaction, program, spent));
    }

    void sponsorFee(long lamports) throws InstructionException {
        long left = record.scope().feeAllowance() - record.feesSponsored();
        if (lamports > left) {
            throw new InstructionException("FeeAllowanceExceeded", "the owner sponsors " + left
                    + " more lamports of fees, not " + lamports);
        }
        InstructionAccount key = context.account(1);
        if (!key.isWritable()) {
            throw new InstructionException("ACCOUNT_NOT_WRITABLE", "session key " + key.key() + " must be writable");
        }
        context.invoke(SystemProgram.ID, new int[] {2, 1},
                SystemProgram.transfer(record.owner(), key.key(), lamports).data(), Set.of(record.owner()));
        save(record.sponsored(lamports), new SessionEvent(SessionEvent.Kind.FEE_SPONSORED, sessionAccount.key(),
                height, context.transactionId(), SystemProgram.ID, lamports));
    }

    /** Every account but the owner that gained lamports must be an allowed recipient. */
    private void checkRecipients(Map<PublicKey, Long> before, Map<PublicKey, Long> after) throws InstructionException {
        if (record.scope().recipients().isEmpty()) {
            return;
        }
        for (Map.Entry<PublicKey, Long> entry : new java.util.TreeMap<>(after).entrySet()) {
            PublicKey account = entry.getKey();
            if (!account.equals(record.owner()) && entry.getValue() > before.get(account)
                    && !record.scope().recipients().get().contains(account)) {
                throw new InstructionException("RecipientNotAllowed", account + " received "
                        + (entry.getValue() - before.get(account)) + " lamports but is not an allowed recipient"
                        + " of session " + sessionAccount.key());
            }
        }
    }

    private void save(SessionRecord next, SessionEvent event) throws InstructionException {
        sessionAccount.set(sessionAccount.get().withData(next.encode()));
        OwnerBook ownerBook = decode(book.get(), OwnerBook::decode, "owner book");
        book.set(book.get().withData(ownerBook.with(event).encode()));
    }

    static SessionRecord load(InstructionAccount account) throws InstructionException {
        Account stored = account.get();
        if (!stored.owner().equals(SessionProgram.ID) || stored.dataLength() == 0) {
            throw new InstructionException("SessionNotFound", "no session at " + account.key()
                    + " (never created, or pruned after it expired)");
        }
        if (!account.isWritable()) {
            throw new InstructionException("ACCOUNT_NOT_WRITABLE", "session " + account.key() + " must be writable");
        }
        return decode(stored, SessionRecord::decode, "session " + account.key());
    }

    static <T> T decode(Account account, Decoder<T> decoder, String what) throws InstructionException {
        try {
            return decoder.decode(account.data());
        } catch (DecodeException e) {
            throw new InstructionException("INVALID_ACCOUNT_DATA", what + ": " + e.getMessage());
        }
    }
}
