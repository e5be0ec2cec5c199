package network.mira.rpc;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.service.SessionAccounts;
import network.mira.sessions.program.ExpiryBucket;
import network.mira.sessions.program.SessionProgram;
import network.mira.sessions.program.SessionRecord;
import network.mira.svm.AccountReader;

/**
 * How many sessions authorize anything at the finalized head: created, not revoked, and not expired at
 * the head's block time. Kept as a count per expiry instant, so each block's time drops the sessions it
 * outlived in order, without a scan. One entry per distinct expiry instant of a live session: bounded by
 * the program's own bounds ({@link ExpiryBucket#MAX_ENTRIES} sessions expiring per minute, over the
 * genesis maximum lifetime).
 *
 * <p>Not thread safe: the finalization listener owns it; readers see the count it publishes.
 */
final class LiveSessions {
    private final NavigableMap<Long, Long> byExpiry = new TreeMap<>();
    private long count;

    /**
     * The live sessions of {@code state} at a head whose block time is {@code headTimeMs}. Every session
     * not yet pruned is listed in the expiry bucket of its minute, and a live one expires within the
     * lifetime cap, so reading the buckets from the head's minute to that of the cap finds them all:
     * about 11,500 point reads with the default 8-day cap, once at start.
     */
    static LiveSessions fromState(AccountReader state, long headTimeMs, long maxLifetimeMs) {
        LiveSessions live = new LiveSessions();
        long last = ExpiryBucket.bucketOf(Math.addExact(headTimeMs, maxLifetimeMs));
        for (long minute = ExpiryBucket.bucketOf(headTimeMs); minute <= last; minute++) {
            for (ExpiryBucket.Entry entry : bucket(state, minute).entries()) {
                SessionAccounts.read(state, entry.session())
                        .filter(record -> !record.isRevoked() && record.expiresAtMs() > headTimeMs)
                        .ifPresent(record -> live.add(record.expiresAtMs()));
            }
        }
        return live;
    }

    /**
     * Applies one finalized block: the sessions its changed accounts show created at its height join, those
     * revoked at its height leave (both in one block: neither), then those its time outlived leave. A
     * pruned (deleted) session was expired already, so deletions need no attention.
     */
    void onBlock(long height, long timestampMs, Map<PublicKey, Account> changedAccounts) {
        for (Map.Entry<PublicKey, Account> changed : changedAccounts.entrySet()) {
            if (!changed.getValue().owner().equals(SessionProgram.ID)) {
                continue;
            }
            Optional<SessionRecord> session = SessionAccounts.decode(changed.getKey(), changed.getValue());
            if (session.isEmpty()) {
                continue;
            }
            SessionRecord record = session.get();
            boolean created = record.createdHeight() == height;
            boolean revoked = record.isRevoked() && record.revokedAtHeight() == height;
            if (created && !revoked) {
                add(record.expiresAtMs());
            } else if (revoked && !created) {
                remove(record.expiresAtMs());
            }
        }
        expireAt(timestampMs);
    }

    long count() {
        return count;
    }

    void add(long expiresAtMs) {
        byExpiry.merge(expiresAtMs, 1L, Long::sum);
        count++;
    }

    /** A session that left early (revoked). One already gone by its expiry is not counted twice. */
    void remove(long expiresAtMs) {
        Long sessions = byExpiry.get(expiresAtMs);
        if (sessions == null) {
            return;
        }
        if (sessions == 1) {
            byExpiry.remove(expiresAtMs);
        } else {
            byExpiry.put(expiresAtMs, sessions - 1);
        }
        count--;
    }

    /** Every session whose expiry is at or before {@code timestampMs} authorizes nothing from then on. */
    void expireAt(long timestampMs) {
        NavigableMap<Long, Long> expired = byExpiry.headMap(timestampMs, true);
        for (long sessions : expired.values()) {
            count -= sessions;
        }
        expired.clear();
    }

    private static ExpiryBucket bucket(AccountReader state, long minute) {
        Optional<Account> account = state.get(SessionProgram.expiryBucket(minute))
                .filter(found -> found.owner().equals(SessionProgram.ID));
        if (account.isEmpty()) {
            return new ExpiryBucket(java.util.List.of());
        }
        try {
            return ExpiryBucket.decode(account.get().data());
        } catch (DecodeException e) {
            throw new IllegalStateException("expiry bucket of minute " + minute + " does not decode: "
                    + e.getMessage(), e);
        }
    }
}
