package network.mira.sessions.intent;

import java.util.regex.Pattern;
import network.mira.core.crypto.PublicKey;
import network.mira.sessions.scope.SessionScope;

/**
 * What an owner asks for when starting a session: let {@code sessionKey} act for {@code owner} on
 * {@code domain}, within {@code scope}, until {@code expiresAtMs}. The owner signs its text form
 * ({@link IntentText}), which shows every field, so what the owner read is what is enforced.
 *
 * <p>This record checks each field's form only. Whether {@code chainId} is this chain's id,
 * whether the intent has already expired at the block's time, whether its lifetime is within the
 * genesis cap and whether its nonce was used before are checked by the sessions program, which
 * knows the genesis, the block time and the owner's used nonces.
 *
 * @param version     the format version; only 1 exists
 * @param chainId     the chain this intent is meant for, same rule as the genesis chain id
 *                    ({@value #CHAIN_ID_PATTERN})
 * @param domain      the dApp asking for the session, 1 to 64 characters of {@code a-z 0-9 . - :}
 *                    ({@value #DOMAIN_PATTERN})
 * @param owner       the account the session acts for; the key that signs the intent
 * @param sessionKey  the key that will sign the session's transactions
 * @param expiresAtMs Unix time in milliseconds after which the session authorizes nothing; whole
 *                    seconds (the text shows seconds), from 1970-01-01T00:00:00Z to
 *                    9999-12-31T23:59:59Z
 * @param scope       what the session may do
 * @param nonce       chosen by the dApp so that the same request cannot be replayed; an unsigned
 *                    64-bit value limited to 0..2^63-1
 */
public record SessionIntent(int version, String chainId, String domain, PublicKey owner, PublicKey sessionKey,
                            long expiresAtMs, SessionScope scope, long nonce) {
    public static final int VERSION = 1;
    /** Mirrors {@code network.mira.config.Genesis.CHAIN_ID_PATTERN}, which this module cannot depend on. */
    public static final String CHAIN_ID_PATTERN = "[a-z0-9-]{1,48}";
    public static final String DOMAIN_PATTERN = "[a-z0-9.:-]{1,64}";
    /** 9999-12-31T23:59:59Z: the last instant with a four-digit year. */
    public static final long MAX_EXPIRES_AT_MS = 253_402_300_799_000L;

    private static final Pattern CHAIN_ID = Pattern.compile(CHAIN_ID_PATTERN);
    private static final Pattern DOMAIN = Pattern.compile(DOMAIN_PATTERN);

    /** @throws IllegalArgumentException naming the first field that breaks a rule above */
    public SessionIntent {
        if (version != VERSION) {
            throw new IllegalArgumentException("version must be " + VERSION + ", got " + version);
        }
        if (chainId == null || !CHAIN_ID.matcher(chainId).matches()) {
            throw new IllegalArgumentException("chainId must match " + CHAIN_ID_PATTERN + ", got " + quoted(chainId));
        }
        if (domain == null || !DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("domain must match " + DOMAIN_PATTERN + ", got " + quoted(domain));
        }
        if (owner == null) {
            throw new IllegalArgumentException("owner must not be null");
        }
        if (sessionKey == null) {
            throw new IllegalArgumentException("sessionKey must not be null");
        }
        if (expiresAtMs < 0 || expiresAtMs > MAX_EXPIRES_AT_MS || expiresAtMs % 1000 != 0) {
            throw new IllegalArgumentException("expiresAtMs must be whole seconds from 0 to " + MAX_EXPIRES_AT_MS
                    + ", got " + expiresAtMs);
        }
        if (scope == null) {
            throw new IllegalArgumentException("scope must not be null");
        }
        if (nonce < 0) {
            throw new IllegalArgumentException("nonce must not be negative, got " + nonce);
        }
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
