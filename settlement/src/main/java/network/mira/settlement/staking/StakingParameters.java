package network.mira.settlement.staking;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The staking parameters fixed by genesis. Every value is an integer; fractions are basis points
 * (1/10,000) so that every node computes the same result without floating point.
 */
public record StakingParameters(long epochBlocks, long unbondingEpochs, long maxValidators, long maxStakeChangeBps,
                                long minSelfBond, long maxCommissionChangeBpsPerEpoch, long downtimeWindow,
                                long downtimeMinSignedBps, long jailBlocks, long slashDoubleSignBps,
                                long slashDowntimeBps, long issuancePerEpoch) {
    public static final long BPS = 10_000;
    public static final long LAMPORTS_PER_MIRA = 1_000_000_000L;

    /** Upper bound on issuance so that issuance plus an epoch's fees can never overflow a long. */
    private static final long MAX_ISSUANCE = 1_000_000_000_000_000_000L;

    private record Spec(String name, long min, long max, ToLongFunction<StakingParameters> value) {}

    /** Names as written in genesis and on the command line ({@code --genesis-param NAME=VALUE}), in field order. */
    private static final List<Spec> SPECS = List.of(
            new Spec("epoch_blocks", 1, 10_000_000, StakingParameters::epochBlocks),
            // At least one epoch: rewards for an epoch are paid to stake that cannot yet have been withdrawn.
            new Spec("unbonding_epochs", 1, 100_000, StakingParameters::unbondingEpochs),
            new Spec("max_validators", 1, 10_000, StakingParameters::maxValidators),
            // Zero would freeze all stake forever; the cap is a rate limit, not a switch.
            new Spec("max_stake_change_bps", 1, BPS, StakingParameters::maxStakeChangeBps),
            new Spec("min_self_bond", 1, Long.MAX_VALUE, StakingParameters::minSelfBond),
            new Spec("max_commission_change_bps_per_epoch", 0, BPS,
                    StakingParameters::maxCommissionChangeBpsPerEpoch),
            // Bounded because every active validator keeps a bit per block of the window.
            new Spec("downtime_window", 1, 1_000_000, StakingParameters::downtimeWindow),
            new Spec("downtime_min_signed_bps", 0, BPS, StakingParameters::downtimeMinSignedBps),
            new Spec("jail_blocks", 0, 1_000_000_000_000L, StakingParameters::jailBlocks),
            new Spec("slash_double_sign_bps", 0, BPS, StakingParameters::slashDoubleSignBps),
            new Spec("slash_downtime_bps", 0, BPS, StakingParameters::slashDowntimeBps),
            new Spec("issuance_per_epoch", 0, MAX_ISSUANCE, StakingParameters::issuancePerEpoch));

    public StakingParameters {
        long[] values = {epochBlocks, unbondingEpochs, maxValidators, maxStakeChangeBps, minSelfBond,
                maxCommissionChangeBpsPerEpoch, downtimeWindow, downtimeMinSignedBps, jailBlocks, slashDoubleSignBps,
                slashDowntimeBps, issuancePerEpoch};
        for (int i = 0; i < SPECS.size(); i++) {
            check(SPECS.get(i), values[i]);
        }
    }

    public static StakingParameters defaults() {
        return new StakingParameters(100, 7, 100, 2_500, LAMPORTS_PER_MIRA, 100, 500, 5_000, 600, 500, 100,
                1_000 * LAMPORTS_PER_MIRA);
    }

    /** The parameter names, in field order. */
    public static List<String> names() {
        return SPECS.stream().map(Spec::name).toList();
    }

    /** Every parameter by name, sorted, as genesis writes them. */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new TreeMap<>();
        for (Spec spec : SPECS) {
            map.put(spec.name(), spec.value().applyAsLong(this));
        }
        return map;
    }

    /**
     * These parameters with {@code name} set to {@code value} (decimal, '_' separators allowed).
     *
     * @throws IllegalArgumentException naming the parameter when it is unknown or the value is not an
     *                                  integer in its range
     */
    public StakingParameters with(String name, String value) {
        int index = indexOf(name);
        Spec spec = SPECS.get(index);
        long parsed = parse(spec, value);
        check(spec, parsed);
        long[] values = new long[SPECS.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = i == index ? parsed : SPECS.get(i).value().applyAsLong(this);
        }
        return new StakingParameters(values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                values[7], values[8], values[9], values[10], values[11]);
    }

    /** The defaults overridden by {@code overrides}, applied in name order so the result never depends on map order. */
    public static StakingParameters byName(Map<String, String> overrides) {
        StakingParameters parameters = defaults();
        for (Map.Entry<String, String> entry : new TreeMap<>(overrides).entrySet()) {
            parameters = parameters.with(entry.getKey(), entry.getValue());
        }
        return parameters;
    }

    /** Epoch of a block height: epoch N holds heights [N * epoch_blocks, (N + 1) * epoch_blocks). */
    public long epochOf(long height) {
        if (height < 0) {
            throw new IllegalArgumentException("height must not be negative, got " + height);
        }
        return height / epochBlocks;
    }

    private static int indexOf(String name) {
        for (int i = 0; i < SPECS.size(); i++) {
            if (SPECS.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown genesis parameter '" + name + "'; known: " + names());
    }

    private static long parse(Spec spec, String value) {
        String digits = value == null ? "" : value.strip().replace("_", "");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("genesis parameter " + spec.name() + " must be an integer between "
                    + spec.min() + " and " + spec.max() + ", got '" + value + "'");
        }
    }

    private static void check(Spec spec, long value) {
        if (value < spec.min() || value > spec.max()) {
            throw new IllegalArgumentException("genesis parameter " + spec.name() + " must be between " + spec.min()
                    + " and " + spec.max() + ", got " + value);
        }
    }
}
