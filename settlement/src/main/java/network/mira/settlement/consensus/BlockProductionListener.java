package network.mira.settlement.consensus;

import network.mira.settlement.production.BuiltBlock;

/** Told about every block this node built (packing and execution figures), before it is finalized. */
@FunctionalInterface
public interface BlockProductionListener {
    void onProduced(BuiltBlock block);
}
