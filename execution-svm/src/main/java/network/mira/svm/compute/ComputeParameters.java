package network.mira.svm.compute;

/**
 * The compute limits of a chain, fixed in its genesis. Units follow Solana's: a transaction that
 * does not ask for a limit gets {@code defaultUnitsPerInstruction} per non-compute-budget
 * instruction, capped at {@code maxUnitsPerTransaction}.
 */
public record ComputeParameters(long defaultUnitsPerInstruction, long maxUnitsPerTransaction, long maxUnitsPerBlock,
                                long maxUnitsPerAccountPerBlock) {
    public static final ComputeParameters SOLANA_DEFAULTS = new ComputeParameters(200_000, 1_400_000, 48_000_000,
            12_000_000);

    public ComputeParameters {
        if (defaultUnitsPerInstruction <= 0 || maxUnitsPerTransaction <= 0 || maxUnitsPerBlock <= 0
                || maxUnitsPerAccountPerBlock <= 0) {
            throw new IllegalArgumentException("compute limits must be positive");
        }
        if (maxUnitsPerTransaction > maxUnitsPerAccountPerBlock || maxUnitsPerAccountPerBlock > maxUnitsPerBlock) {
            throw new IllegalArgumentException("compute limits must satisfy per-transaction <= per-account <= per-block");
        }
    }
}
