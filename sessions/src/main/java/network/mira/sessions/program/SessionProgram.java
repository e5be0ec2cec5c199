package network.mira.sessions.program;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import network.mira.core.codec.ByteWriter;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.AccountMeta;
import network.mira.core.tx.Instruction;
import network.mira.sessions.intent.SignedIntent;
import network.mira.sessions.scope.SessionScope;

/**
 * The session program's id, the addresses of its accounts (all derived, so a client computes them
 * without asking) and instruction builders with the account order {@link SessionProgramRuntime}
 * expects.
 */
public final class SessionProgram {
    public static final PublicKey ID = PublicKey.fromBase58("Session111111111111111111111111111111111111");

    /** SHA-256("mira/session-expiry-cursor"): the first expiry minute not yet pruned. */
    public static final PublicKey EXPIRY_CURSOR = derive("mira/session-expiry-cursor", new byte[0]);

    /** Charged before each instruction; creating from an intent adds {@link #INTENT_VERIFY_UNITS}. */
    public static final long COMPUTE_UNITS = 2_000;
    public static final long INTENT_VERIFY_UNITS = 3_000;

    private SessionProgram() {}

    /** SHA-256("mira/session" ‖ owner ‖ nonce as u64 LE): one session per (owner, nonce), so a nonce is used once. */
    public static PublicKey sessionAddress(PublicKey owner, long nonce) {
        return derive("mira/session", new ByteWriter(40).raw(owner.bytes()).u64(nonce).toByteArray());
    }

    /** SHA-256("mira/session-owner" ‖ owner): the wallet's session list and audit trail. */
    public static PublicKey ownerBook(PublicKey owner) {
        return derive("mira/session-owner", owner.bytes());
    }

    /** SHA-256("mira/session-expiry" ‖ minute as u64 LE): the sessions expiring in that minute. */
    public static PublicKey expiryBucket(long minute) {
        return derive("mira/session-expiry", new ByteWriter(8).u64(minute).toByteArray());
    }

    public static Instruction createSession(PublicKey payer, PublicKey owner, PublicKey sessionKey, long expiresAtMs,
                                            long nonce, String domain, SessionScope scope) {
        return new Instruction(ID, List.of(AccountMeta.writable(payer, true), AccountMeta.readonly(owner, true),
                AccountMeta.writable(sessionAddress(owner, nonce), false), AccountMeta.writable(ownerBook(owner), false),
                AccountMeta.writable(expiryBucket(ExpiryBucket.bucketOf(expiresAtMs)), false)),
                new SessionInstruction.CreateSession(sessionKey, expiresAtMs, nonce, domain, scope).encode());
    }

    /** {@code owner}, {@code nonce} and {@code expiresAtMs} must be the intent's (they name its accounts). */
    public static Instruction createSessionFromIntent(PublicKey payer, SignedIntent intent, long nonce,
                                                      long expiresAtMs) {
        return new Instruction(ID, List.of(AccountMeta.writable(payer, true),
                AccountMeta.writable(sessionAddress(intent.owner(), nonce), false),
                AccountMeta.writable(ownerBook(intent.owner()), false),
                AccountMeta.writable(expiryBucket(ExpiryBucket.bucketOf(expiresAtMs)), false)),
                new SessionInstruction.CreateSessionFromIntent(intent).encode());
    }

    /**
     * The session key runs {@code inner} for the owner. The owner is passed without a signature: the
     * program lends it after checking the session.
     */
    public static Instruction act(PublicKey session, PublicKey sessionKey, PublicKey owner, Instruction inner) {
        List<AccountMeta> accounts = new ArrayList<>(List.of(AccountMeta.writable(session, false),
                AccountMeta.readonly(sessionKey, true), AccountMeta.writable(owner, false),
                AccountMeta.writable(ownerBook(owner), false)));
        int[] indexes = new int[inner.accounts().size()];
        for (int i = 0; i < indexes.length; i++) {
            AccountMeta meta = inner.accounts().get(i);
            boolean isOwner = meta.key().equals(owner);
            accounts.add(new AccountMeta(meta.key(), meta.signer() && !isOwner, meta.writable()));
            indexes[i] = 4 + i;
        }
        return new Instruction(ID, accounts, new SessionInstruction.Act(inner.programId(), indexes, inner.data())
                .encode());
    }

    public static Instruction sponsorFee(PublicKey session, PublicKey sessionKey, PublicKey owner, long lamports) {
        return new Instruction(ID, List.of(AccountMeta.writable(session, false), AccountMeta.writable(sessionKey, true),
                AccountMeta.writable(owner, false), AccountMeta.writable(ownerBook(owner), false)),
                new SessionInstruction.SponsorFee(lamports).encode());
    }

    public static Instruction revoke(PublicKey session, PublicKey owner) {
        return new Instruction(ID, List.of(AccountMeta.writable(session, false), AccountMeta.readonly(owner, true),
                AccountMeta.writable(ownerBook(owner), false)), new SessionInstruction.Revoke().encode());
    }

    /** The owner's signed revocation ({@link network.mira.sessions.intent.RevocationText}), submitted by anyone. */
    public static Instruction revokeFromIntent(PublicKey session, PublicKey owner, String text,
                                               network.mira.core.crypto.Signature signature) {
        return new Instruction(ID, List.of(AccountMeta.writable(session, false),
                AccountMeta.writable(ownerBook(owner), false)),
                new SessionInstruction.RevokeFromIntent(text, signature).encode());
    }

    private static PublicKey derive(String domain, byte[] seed) {
        return PublicKey.wrap(Hash.sha256(domain.getBytes(StandardCharsets.UTF_8), seed).bytes());
    }
}
