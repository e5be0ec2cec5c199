package network.mira.settlement.production;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Message;
import network.mira.settlement.mempool.PendingTransaction;
import network.mira.svm.compute.ComputeParameters;

/**
 * Chooses and orders the transactions of the next block: highest price per compute unit first
 * (ties in arrival order), each admitted only if the block's compute limit, the per-account limit
 * of every account it writes, and the transaction count still allow it. What does not fit waits
 * for the next block. The per-account limit is what keeps one hot account from filling a block:
 * once it is reached, the rest of the block goes to transactions that do not write it.
 */
public final class BlockPacker {
    private final ComputeParameters limits;
    private final int maxTransactions;
    private final Function<PendingTransaction, TransactionCost> costs;

    public BlockPacker(ComputeParameters limits, int maxTransactions, Function<PendingTransaction, TransactionCost> costs) {
        if (maxTransactions <= 0) {
            throw new IllegalArgumentException("a block must be allowed at least one transaction");
        }
        this.limits = limits;
        this.maxTransactions = maxTransactions;
        this.costs = costs;
    }

    /** The packing decision: the block's transactions in block order and what was deferred. */
    public record Packing(List<PendingTransaction> selected, long computeUnits,
                          Map<DeferralReason, Integer> deferred) {}

    /** @param candidates in arrival order (the mempool's order) */
    public Packing pack(List<PendingTransaction> candidates) {
        List<Candidate> ordered = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            ordered.add(new Candidate(candidates.get(i), costs.apply(candidates.get(i)), i));
        }
        ordered.sort(Comparator.comparingLong((Candidate c) -> c.cost.priceMicroLamportsPerUnit()).reversed()
                .thenComparingInt(c -> c.arrival));
        List<PendingTransaction> selected = new ArrayList<>();
        Map<DeferralReason, Integer> deferred = new EnumMap<>(DeferralReason.class);
        Map<PublicKey, Long> accountUnits = new HashMap<>();
        long blockUnits = 0;
        for (Candidate candidate : ordered) {
            DeferralReason reason = reasonToDefer(candidate, selected.size(), blockUnits, accountUnits);
            if (reason != null) {
                deferred.merge(reason, 1, Integer::sum);
                continue;
            }
            selected.add(candidate.transaction);
            blockUnits += candidate.cost.units();
            for (PublicKey account : writableAccounts(candidate.transaction.transaction().message())) {
                accountUnits.merge(account, candidate.cost.units(), Long::sum);
            }
        }
        return new Packing(selected, blockUnits, deferred);
    }

    /**
     * The limits a block built elsewhere must respect, in its own order: the compute units its
     * transactions reserve stay within the block limit and each writable account's limit. (The
     * transaction count limit is this node's packing choice, not a consensus rule.) Null when the
     * block is within them, otherwise which transaction breaks which limit.
     */
    public String limitViolation(List<PendingTransaction> block) {
        long blockUnits = 0;
        Map<PublicKey, Long> accountUnits = new HashMap<>();
        for (int i = 0; i < block.size(); i++) {
            long units = costs.apply(block.get(i)).units();
            if (blockUnits + units > limits.maxUnitsPerBlock()) {
                return "transaction " + i + " takes the block past its compute limit of " + limits.maxUnitsPerBlock()
                        + " units";
            }
            blockUnits += units;
            for (PublicKey account : writableAccounts(block.get(i).transaction().message())) {
                long total = accountUnits.merge(account, units, Long::sum);
                if (total > limits.maxUnitsPerAccountPerBlock()) {
                    return "transaction " + i + " takes writable account " + account + " past its compute limit of "
                            + limits.maxUnitsPerAccountPerBlock() + " units per block";
                }
            }
        }
        return null;
    }

    private DeferralReason reasonToDefer(Candidate candidate, int count, long blockUnits, Map<PublicKey, Long> accountUnits) {
        if (count >= maxTransactions) {
            return DeferralReason.WOULD_EXCEED_BLOCK_TRANSACTION_LIMIT;
        }
        long units = candidate.cost.units();
        if (blockUnits + units > limits.maxUnitsPerBlock()) {
            return DeferralReason.WOULD_EXCEED_BLOCK_COMPUTE_LIMIT;
        }
        for (PublicKey account : writableAccounts(candidate.transaction.transaction().message())) {
            if (accountUnits.getOrDefault(account, 0L) + units > limits.maxUnitsPerAccountPerBlock()) {
                return DeferralReason.WOULD_EXCEED_ACCOUNT_COMPUTE_LIMIT;
            }
        }
        return null;
    }

    private static List<PublicKey> writableAccounts(Message message) {
        List<PublicKey> writable = new ArrayList<>();
        for (int i = 0; i < message.accountKeys().size(); i++) {
            if (message.isWritable(i)) {
                writable.add(message.accountKeys().get(i));
            }
        }
        return writable;
    }

    private record Candidate(PendingTransaction transaction, TransactionCost cost, int arrival) {}
}
