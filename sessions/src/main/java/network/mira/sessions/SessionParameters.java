package network.mira.sessions;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sessions' genesis parameters, set like the staking ones with {@code --genesis-param
 * NAME=VALUE} when a chain is created.
 *
 * @param maxLifetimeMs the longest a session may live: its expiry minus the block time at creation
 */
public record SessionParameters(long maxLifetimeMs) {
    public static final String MAX_LIFETIME_MS = "session_max_lifetime_ms";
    private static final long MIN_LIFETIME_MS = 60_000;
    private static final long MAX_LIFETIME_LIMIT_MS = 366L * 24 * 3_600_000;

    public SessionParameters {
        if (maxLifetimeMs < MIN_LIFETIME_MS || maxLifetimeMs > MAX_LIFETIME_LIMIT_MS) {
            throw new IllegalArgumentException("genesis parameter " + MAX_LIFETIME_MS + " must be between "
                    + MIN_LIFETIME_MS + " and " + MAX_LIFETIME_LIMIT_MS + ", got " + maxLifetimeMs);
        }
    }

    /** Eight days. */
    public static SessionParameters defaults() {
        return new SessionParameters(8L * 24 * 3_600_000);
    }

    public static List<String> names() {
        return List.of(MAX_LIFETIME_MS);
    }

    /** The defaults overridden by those of {@code overrides} that are session parameters; others are ignored. */
    public static SessionParameters fromGenesis(Map<String, Long> overrides) {
        Long lifetime = overrides.get(MAX_LIFETIME_MS);
        return lifetime == null ? defaults() : new SessionParameters(lifetime);
    }

    public Map<String, Long> asMap() {
        return new TreeMap<>(Map.of(MAX_LIFETIME_MS, maxLifetimeMs));
    }
}
