package network.mira.svm.compute;

import network.mira.core.tx.Message;

/**
 * The fee rule, in the one place admission and execution both take it from:
 * {@code lamports_per_signature × required signatures + priority fee}, paid by the fee payer
 * before any instruction runs and kept whether or not the transaction succeeds.
 *
 * <p>The arithmetic saturates at {@link Long#MAX_VALUE}, as Solana's does at its u64 maximum: a fee
 * that large exceeds anything an account can hold (the total supply fits in a signed 64-bit
 * integer), so it is simply unpayable instead of wrapping around to something small.
 */
public final class Fees {
    private Fees() {}

    /** {@code lamportsPerSignature × requiredSignatures}: what every transaction pays. */
    public static long baseFee(long lamportsPerSignature, int requiredSignatures) {
        if (lamportsPerSignature < 0 || requiredSignatures < 0) {
            throw new IllegalArgumentException("fee inputs must not be negative: " + lamportsPerSignature + " lamports"
                    + " per signature, " + requiredSignatures + " signatures");
        }
        long high = Math.multiplyHigh(lamportsPerSignature, requiredSignatures);
        long low = lamportsPerSignature * requiredSignatures;
        return high == 0 && low >= 0 ? low : Long.MAX_VALUE;
    }

    /** The base fee of {@code message}'s required signatures plus {@code budget}'s priority fee. */
    public static long total(long lamportsPerSignature, Message message, ComputeBudgetRequest budget) {
        long base = baseFee(lamportsPerSignature, message.header().numRequiredSignatures());
        long total = base + budget.priorityFeeLamports();
        return total < 0 ? Long.MAX_VALUE : total;
    }
}
