package network.mira.settlement.production;

/**
 * What packing needs to know about a transaction: the compute units it reserves (its requested
 * limit) and what it pays per unit on top of the base fee (micro-lamports), which orders it.
 */
public record TransactionCost(long units, long priceMicroLamportsPerUnit) {
    public TransactionCost {
        if (units < 0 || priceMicroLamportsPerUnit < 0) {
            throw new IllegalArgumentException("compute units and price must not be negative");
        }
    }
}
