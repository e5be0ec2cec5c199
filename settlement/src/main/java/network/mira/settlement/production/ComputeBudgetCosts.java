package network.mira.settlement.production;

import java.util.function.Function;
import network.mira.settlement.mempool.PendingTransaction;
import network.mira.svm.compute.ComputeBudgetRequest;
import network.mira.svm.compute.ComputeParameters;
import network.mira.svm.program.InstructionDecodeException;

/**
 * Packing cost from a transaction's own Compute Budget instructions: it reserves its unit limit
 * and is ordered by its unit price, as Solana's scheduler does. Admission has already refused
 * undecodable budgets; one that slips through reserves the most a transaction may and pays no
 * priority, and execution then fails it deterministically.
 */
public final class ComputeBudgetCosts implements Function<PendingTransaction, TransactionCost> {
    private final ComputeParameters parameters;

    public ComputeBudgetCosts(ComputeParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public TransactionCost apply(PendingTransaction pending) {
        try {
            ComputeBudgetRequest request = ComputeBudgetRequest.of(pending.transaction().message(), parameters);
            return new TransactionCost(request.unitLimit(), request.priorityPerUnit());
        } catch (InstructionDecodeException e) {
            return new TransactionCost(parameters.maxUnitsPerTransaction(), 0);
        }
    }
}
