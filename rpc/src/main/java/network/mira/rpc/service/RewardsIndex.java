package network.mira.rpc.service;

import java.util.List;
import network.mira.settlement.ledger.EpochReward;

/**
 * Where ListRewards reads what an ended epoch paid: the ledger's rewards index ({@code Ledger::rewards}),
 * written with the block that ended the epoch.
 */
@FunctionalInterface
public interface RewardsIndex {
    /** One entry per validator that earned anything in {@code epoch}, in identity order. */
    List<EpochReward> paidIn(long epoch);
}
