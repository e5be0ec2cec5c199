package network.mira.sessions.program;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;
import network.mira.sessions.intent.IntentParseException;
import network.mira.sessions.intent.RevocationText;
import network.mira.sessions.intent.SessionIntent;
import network.mira.sessions.scope.ProgramScope;
import network.mira.sessions.scope.SessionScope;
import network.mira.svm.InstructionAccount;
import network.mira.svm.InstructionException;
import network.mira.svm.InvokeContext;
import network.mira.svm.NativeProgram;
import network.mira.svm.program.DerivedAccounts;
import network.mira.svm.program.InstructionDecodeException;

/**
 * The session program. It lends an owner's authority to a session key for one inner instruction at
 * a time, after checking the session (live at the block's time, not revoked, the program and
 * discriminator in scope), and judges what the inner instruction did by measuring it: the lamports
 * that left the owner (balance before and after, never the instruction's own claims) against the
 * per-transaction and total limits, and every account that gained lamports against the allowed
 * recipients. Any failure fails the whole transaction, which then changes nothing but its fee.
 */
public final class SessionProgramRuntime implements NativeProgram {
    private final String chainId;
    private final long maxLifetimeMs;

    /**
     * @param chainId       intents must name it
     * @param maxLifetimeMs the genesis cap on expiry − block time at creation
     */
    public SessionProgramRuntime(String chainId, long maxLifetimeMs) {
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        if (maxLifetimeMs <= 0) {
            throw new IllegalArgumentException("session max lifetime must be positive");
        }
        this.maxLifetimeMs = maxLifetimeMs;
    }

    @Override
    public PublicKey id() {
        return SessionProgram.ID;
    }

    @Override
    public OptionalLong computeUnitsPerInstruction() {
        return OptionalLong.of(SessionProgram.COMPUTE_UNITS);
    }

    /** It lends the owner's signature to the inner instruction, and its own to the accounts it creates. */
    @Override
    public boolean mayGrantSignatures() {
        return true;
    }

    @Override
    public void validate(byte[] instructionData) throws InstructionDecodeException {
        SessionInstruction.decode(instructionData);
    }

    @Override
    public void execute(InvokeContext context) throws InstructionException {
        SessionInstruction instruction;
        try {
            instruction = SessionInstruction.decode(context.data());
        } catch (InstructionDecodeException e) {
            throw new InstructionException("INVALID_INSTRUCTION_DATA", e.getMessage());
        }
        if (context.accountCount() < instruction.accounts()
                || !(instruction instanceof SessionInstruction.Act) && context.accountCount() != instruction.accounts()) {
            throw new InstructionException("WRONG_ACCOUNT_COUNT", instruction.getClass().getSimpleName()
                    + " declares " + instruction.accounts() + " accounts, got " + context.accountCount());
        }
        if (instruction instanceof SessionInstruction.CreateSession create) {
            PublicKey owner = signer(context.account(1), "owner");
            open(context, owner, create.sessionKey(), create.expiresAtMs(), create.nonce(), create.domain(),
                    create.scope(), 2);
        } else if (instruction instanceof SessionInstruction.CreateSessionFromIntent fromIntent) {
            context.consumeCompute(SessionProgram.INTENT_VERIFY_UNITS);
            SessionIntent intent;
            try {
                intent = fromIntent.intent().verify();
            } catch (IntentParseException e) {
                throw new InstructionException(e.reason() == IntentParseException.Reason.BAD_SIGNATURE
                        || e.reason() == IntentParseException.Reason.OWNER_MISMATCH ? "BadIntentSignature"
                        : "BadIntent", e.getMessage());
            }
            if (!intent.chainId().equals(chainId)) {
                throw new InstructionException("WrongChain", "the intent is for chain " + intent.chainId()
                        + ", this is " + chainId);
            }
            open(context, intent.owner(), intent.sessionKey(), intent.expiresAtMs(), intent.nonce(), intent.domain(),
                    intent.scope(), 1);
        } else if (instruction instanceof SessionInstruction.Act act) {
            new SessionUse(context).act(act);
        } else if (instruction instanceof SessionInstruction.SponsorFee sponsor) {
            new SessionUse(context).sponsorFee(sponsor.lamports());
        } else if (instruction instanceof SessionInstruction.RevokeFromIntent signed) {
            context.consumeCompute(SessionProgram.INTENT_VERIFY_UNITS);
            RevocationText.Revocation revocation;
            try {
                revocation = RevocationText.verify(signed.text(), signed.signature());
            } catch (IntentParseException e) {
                throw new InstructionException(e.reason() == IntentParseException.Reason.BAD_SIGNATURE
                        ? "BadIntentSignature" : "BadIntent", e.getMessage());
            }
            if (!revocation.chainId().equals(chainId)) {
                throw new InstructionException("WrongChain", "the revocation is for chain " + revocation.chainId()
                        + ", this is " + chainId);
            }
            if (!context.account(0).key().equals(revocation.session())) {
                throw new InstructionException("INVALID_ACCOUNT", "the revocation names session "
                        + revocation.session() + ", the instruction declares " + context.account(0).key());
            }
            revoke(context, revocation.owner(), 1);
        } else {
            revoke(context, signer(context.account(1), "owner"), 2);
        }
    }

    /**
     * Creates the session account (its address fixes owner and nonce, so a nonce opens one session
     * ever until it is pruned after expiry), lists it in the owner's book and its expiry minute.
     *
     * @param first index of the session account; the owner book and the expiry bucket follow
     */
    private void open(InvokeContext context, PublicKey owner, PublicKey sessionKey, long expiresAtMs, long nonce,
                      String domain, SessionScope scope, int first) throws InstructionException {
        long now = context.block().timestampMs();
        if (expiresAtMs <= now) {
            throw new InstructionException("ExpiryInPast", "the session would expire at " + expiresAtMs
                    + " ms, not after the block time " + now + " ms");
        }
        if (expiresAtMs - now > maxLifetimeMs) {
            throw new InstructionException("LifetimeTooLong", "the session would live " + (expiresAtMs - now)
                    + " ms, more than the maximum of " + maxLifetimeMs + " ms");
        }
        if (domain.isEmpty() || domain.length() > SessionInstruction.MAX_DOMAIN_BYTES) {
            throw new InstructionException("INVALID_INSTRUCTION_DATA", "domain must be 1.."
                    + SessionInstruction.MAX_DOMAIN_BYTES + " characters");
        }
        PublicKey payer = signer(context.account(0), "payer");
        InstructionAccount session = expect(context.account(first), SessionProgram.sessionAddress(owner, nonce),
                "session");
        InstructionAccount book = expect(context.account(first + 1), SessionProgram.ownerBook(owner), "owner book");
        long minute = ExpiryBucket.bucketOf(expiresAtMs);
        InstructionAccount bucket = expect(context.account(first + 2), SessionProgram.expiryBucket(minute),
                "expiry bucket");
        if (!isFresh(session.get())) {
            throw new InstructionException("NonceReused", "owner " + owner + " already used nonce " + nonce
                    + " (session " + session.key() + ")");
        }
        OwnerBook ownerBook = ensure(context, payer, book, OwnerBook.empty().encode(), OwnerBook::decode);
        if (ownerBook.sessions().size() >= OwnerBook.MAX_SESSIONS) {
            throw new InstructionException("TooManySessions", "owner " + owner + " holds "
                    + OwnerBook.MAX_SESSIONS + " sessions, the most at once; revoke or wait for some to expire");
        }
        ExpiryBucket expiries = ensure(context, payer, bucket, ExpiryBucket.empty().encode(), ExpiryBucket::decode);
        if (expiries.isFull()) {
            throw new InstructionException("ExpiryMinuteFull", ExpiryBucket.MAX_ENTRIES
                    + " sessions already expire in that minute; choose another expiry");
        }
        create(context, payer, session);
        long height = context.block().height();
        session.set(session.get().withData(SessionRecord.created(owner, sessionKey, domain, height, expiresAtMs, nonce,
                scope).encode()));
        book.set(book.get().withData(ownerBook.withSession(session.key()).with(
                SessionEvent.of(SessionEvent.Kind.CREATED, session.key(), height, context.transactionId())).encode()));
        bucket.set(bucket.get().withData(expiries.with(new ExpiryBucket.Entry(session.key(), owner)).encode()));
    }

    /** @param bookIndex where the owner book is among the instruction's accounts */
    private static void revoke(InvokeContext context, PublicKey owner, int bookIndex) throws InstructionException {
        InstructionAccount sessionAccount = context.account(0);
        SessionRecord record = SessionUse.load(sessionAccount);
        if (!owner.equals(record.owner())) {
            throw new InstructionException("OwnerMismatch", "session " + sessionAccount.key() + " belongs to "
                    + record.owner() + ", not " + owner);
        }
        InstructionAccount book = expect(context.account(bookIndex), SessionProgram.ownerBook(owner), "owner book");
        long height = context.block().height();
        if (record.isRevoked()) {
            throw new InstructionException("SessionRevoked", "session " + sessionAccount.key()
                    + " was revoked at height " + record.revokedAtHeight());
        }
        if (!record.isLive(height, context.block().timestampMs())) {
            throw new InstructionException("SessionExpired", "session " + sessionAccount.key() + " expired at "
                    + record.expiresAtMs() + " ms");
        }
        sessionAccount.set(sessionAccount.get().withData(record.revokedAt(height).encode()));
        OwnerBook ownerBook = SessionUse.decode(book.get(), OwnerBook::decode, "owner book");
        book.set(book.get().withData(ownerBook.with(SessionEvent.of(SessionEvent.Kind.REVOKED, sessionAccount.key(),
                height, context.transactionId())).encode()));
    }

    /** An account the program has not created ({@link DerivedAccounts#isFresh}). */
    static boolean isFresh(Account account) {
        return DerivedAccounts.isFresh(account);
    }

    /** The account, created (owned by this program) if it does not exist yet, decoded. */
    private static <T> T ensure(InvokeContext context, PublicKey payer, InstructionAccount account, byte[] initial,
                                SessionUse.Decoder<T> decoder) throws InstructionException {
        if (isFresh(account.get())) {
            create(context, payer, account);
            account.set(account.get().withData(initial));
        }
        return SessionUse.decode(account.get(), decoder, account.key().toString());
    }

    private static void create(InvokeContext context, PublicKey payer, InstructionAccount account)
            throws InstructionException {
        DerivedAccounts.create(context, indexOf(context, payer), indexOf(context, account.key()), SessionProgram.ID);
    }

    private static int indexOf(InvokeContext context, PublicKey key) throws InstructionException {
        for (int i = 0; i < context.accountCount(); i++) {
            if (context.account(i).key().equals(key)) {
                return i;
            }
        }
        throw new InstructionException("NOT_ENOUGH_ACCOUNT_KEYS", "account " + key + " is not declared");
    }

    static PublicKey signer(InstructionAccount account, String role) throws InstructionException {
        if (!account.isSigner()) {
            throw new InstructionException("MISSING_REQUIRED_SIGNATURE", role + " " + account.key() + " must sign");
        }
        return account.key();
    }

    static InstructionAccount expect(InstructionAccount account, PublicKey expected, String role)
            throws InstructionException {
        if (!account.key().equals(expected)) {
            throw new InstructionException("INVALID_ACCOUNT", role + " must be " + expected + ", got "
                    + account.key());
        }
        if (!account.isWritable()) {
            throw new InstructionException("ACCOUNT_NOT_WRITABLE", role + " " + account.key() + " must be writable");
        }
        return account;
    }

    /** Which accounts' lamports the inner instruction raised: candidates for the recipient check. */
    static Map<PublicKey, Long> lamportsOf(InvokeContext context) throws InstructionException {
        Map<PublicKey, Long> lamports = new HashMap<>();
        for (int i = 0; i < context.accountCount(); i++) {
            InstructionAccount account = context.account(i);
            lamports.put(account.key(), account.get().lamports());
        }
        return lamports;
    }

    static boolean inScope(SessionScope scope, PublicKey program, byte[] data) {
        if (scope.programs().isEmpty()) {
            return true;
        }
        for (ProgramScope allowed : scope.programs().get()) {
            if (allowed.program().equals(program)) {
                return allowed.discriminators().isEmpty()
                        || data.length > 0 && allowed.discriminators().get().contains(data[0] & 0xFF);
            }
        }
        return false;
    }
}
