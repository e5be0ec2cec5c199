package network.mira.sessions.program;

import java.util.Objects;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.sessions.scope.SessionScope;
import network.mira.sessions.scope.SessionScopeCodec;

/**
 * One session, the data of its account: who granted what to which key until when, and what it has
 * used so far. {@code lastTransaction} and {@code lastTransactionSpent} let several uses inside one
 * transaction count as one transaction against the per-transaction limit and the count.
 *
 * <p>Encoding: u8 version (1), owner, session key (32 each), domain (u32 length + UTF-8), u64
 * created height, expires at (ms), nonce, scope ({@link SessionScopeCodec}), u64 spent, u64 fees
 * sponsored, u64 transactions, 64-byte last transaction (zero if none), u64 its spent lamports,
 * u64 revoked-at height as a signed long (-1 = not revoked).
 */
public record SessionRecord(PublicKey owner, PublicKey sessionKey, String domain, long createdHeight,
                            long expiresAtMs, long nonce, SessionScope scope, long spent, long feesSponsored,
                            long transactions, Signature lastTransaction, long lastTransactionSpent,
                            long revokedAtHeight) {
    private static final int VERSION = 1;
    private static final int MAX_DOMAIN_BYTES = 64;
    static final Signature NO_TRANSACTION = Signature.wrap(new byte[Signature.LENGTH]);

    public SessionRecord {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(lastTransaction, "lastTransaction");
        if (spent < 0 || feesSponsored < 0 || transactions < 0 || lastTransactionSpent < 0 || revokedAtHeight < -1) {
            throw new IllegalArgumentException("session counters must not be negative");
        }
    }

    static SessionRecord created(PublicKey owner, PublicKey sessionKey, String domain, long height, long expiresAtMs,
                                 long nonce, SessionScope scope) {
        return new SessionRecord(owner, sessionKey, domain, height, expiresAtMs, nonce, scope, 0, 0, 0, NO_TRANSACTION,
                0, -1);
    }

    public boolean isRevoked() {
        return revokedAtHeight >= 0;
    }

    /** Revoked sessions stop at the block after the revocation's; expired ones at their expiry. */
    public boolean isLive(long height, long timestampMs) {
        return timestampMs < expiresAtMs && !(isRevoked() && height > revokedAtHeight);
    }

    public Remaining remaining() {
        return new Remaining(scope.spendLimit().isPresent() ? scope.spendLimit().getAsLong() - spent : -1,
                scope.maxTransactions().isPresent() ? scope.maxTransactions().getAsLong() - transactions : -1);
    }

    /** What is left: -1 where the scope sets no limit. */
    public record Remaining(long lamports, long transactions) {}

    SessionRecord used(Signature transaction, long lamports) {
        boolean sameTransaction = transaction.equals(lastTransaction);
        return new SessionRecord(owner, sessionKey, domain, createdHeight, expiresAtMs, nonce, scope,
                Math.addExact(spent, lamports), feesSponsored, sameTransaction ? transactions : transactions + 1,
                transaction, sameTransaction ? Math.addExact(lastTransactionSpent, lamports) : lamports,
                revokedAtHeight);
    }

    SessionRecord sponsored(long lamports) {
        return new SessionRecord(owner, sessionKey, domain, createdHeight, expiresAtMs, nonce, scope, spent,
                Math.addExact(feesSponsored, lamports), transactions, lastTransaction, lastTransactionSpent,
                revokedAtHeight);
    }

    SessionRecord revokedAt(long height) {
        return new SessionRecord(owner, sessionKey, domain, createdHeight, expiresAtMs, nonce, scope, spent,
                feesSponsored, transactions, lastTransaction, lastTransactionSpent, height);
    }

    public byte[] encode() {
        ByteWriter out = new ByteWriter(256).u8(VERSION).raw(owner.bytes()).raw(sessionKey.bytes()).string(domain)
                .u64(createdHeight).u64(expiresAtMs).u64(nonce);
        SessionScopeCodec.write(out, scope);
        return out.u64(spent).u64(feesSponsored).u64(transactions).raw(lastTransaction.bytes())
                .u64(lastTransactionSpent).u64(revokedAtHeight).toByteArray();
    }

    public static SessionRecord decode(byte[] bytes) throws DecodeException {
        ByteReader in = new ByteReader(bytes);
        int version = in.u8("session version");
        if (version != VERSION) {
            throw new DecodeException("session version " + version + " is not " + VERSION);
        }
        PublicKey owner = PublicKey.wrap(in.raw(PublicKey.LENGTH, "owner"));
        PublicKey sessionKey = PublicKey.wrap(in.raw(PublicKey.LENGTH, "session key"));
        String domain = in.string(MAX_DOMAIN_BYTES, "domain");
        long created = in.u64("created height");
        long expires = in.u64("expires at");
        long nonce = in.u64("nonce");
        SessionScope scope = SessionScopeCodec.read(in);
        long spent = in.u64("spent");
        long fees = in.u64("fees sponsored");
        long transactions = in.u64("transactions");
        Signature last = Signature.wrap(in.raw(Signature.LENGTH, "last transaction"));
        long lastSpent = in.u64("last transaction spent");
        long revoked = in.u64("revoked at height");
        in.expectEnd("session");
        try {
            return new SessionRecord(owner, sessionKey, domain, created, expires, nonce, scope, spent, fees,
                    transactions, last, lastSpent, revoked);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("session: " + e.getMessage());
        }
    }
}
