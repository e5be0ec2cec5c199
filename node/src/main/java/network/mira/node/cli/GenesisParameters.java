package network.mira.node.cli;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import network.mira.sessions.SessionParameters;
import network.mira.settlement.staking.StakingParameters;
import network.mira.verification.program.VerificationParameters;

/**
 * {@code --genesis-param NAME=VALUE} (repeatable), for commands that create a genesis: each is
 * checked against the chain parameters the node knows (staking's, sessions' and the verification
 * program's, name and range) before anything is written, so a typo is refused naming the parameter
 * instead of creating a chain that will not start.
 */
public final class GenesisParameters {
    private GenesisParameters() {}

    /** @throws IllegalArgumentException naming the entry or the parameter */
    public static SortedMap<String, Long> parse(List<String> entries) {
        SortedMap<String, Long> parameters = new TreeMap<>();
        StakingParameters staking = StakingParameters.defaults();
        for (String entry : entries == null ? List.<String>of() : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException("--genesis-param '" + entry + "' is not NAME=VALUE");
            }
            String name = entry.substring(0, equals).strip();
            String value = entry.substring(equals + 1).strip();
            if (parameters.containsKey(name)) {
                throw new IllegalArgumentException("--genesis-param " + name + " is given twice");
            }
            if (SessionParameters.names().contains(name) || VerificationParameters.names().contains(name)) {
                parameters.put(name, integerValue(name, value));
            } else {
                staking = staking.with(name, value);
                parameters.put(name, staking.asMap().get(name));
            }
        }
        // Checked together, not entry by entry: a rule across parameters (verification's default
        // committee within its maximum) must not depend on the order they were given in.
        checkSessions(parameters);
        checkVerification(parameters);
        return parameters;
    }

    /**
     * Every parameter, {@code overrides} over the defaults: what a new genesis writes, so the chain
     * runs staking, sessions and verification and its file shows each value it runs with.
     */
    public static SortedMap<String, Long> complete(Map<String, Long> overrides) {
        SortedMap<String, Long> all = new TreeMap<>(check(overrides).asMap());
        all.putAll(checkSessions(overrides).asMap());
        all.putAll(checkVerification(overrides).asMap());
        return all;
    }

    /**
     * Checks a genesis's staking parameters as the node will use them (session and verification
     * parameters are checked by {@link #checkSessions} and {@link #checkVerification}); any other
     * name is an unknown staking parameter.
     *
     * @throws IllegalArgumentException naming the unknown or out-of-range parameter
     */
    public static StakingParameters check(Map<String, Long> parameters) {
        Map<String, String> text = new TreeMap<>();
        parameters.forEach((name, value) -> {
            if (!SessionParameters.names().contains(name) && !VerificationParameters.names().contains(name)) {
                text.put(name, Long.toString(value));
            }
        });
        return StakingParameters.byName(text);
    }

    /** @throws IllegalArgumentException naming the out-of-range parameter */
    public static SessionParameters checkSessions(Map<String, Long> parameters) {
        return SessionParameters.fromGenesis(parameters);
    }

    /** @throws IllegalArgumentException naming the out-of-range parameter */
    public static VerificationParameters checkVerification(Map<String, Long> parameters) {
        return VerificationParameters.fromGenesis(parameters);
    }

    private static long integerValue(String name, String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("genesis parameter " + name + " must be an integer, got '" + value + "'");
        }
    }
}
