package network.mira.rpc;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import network.mira.rpc.service.StakingSnapshot;
import network.mira.settlement.staking.SlashingEvent;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.ValidatorStatus;

/**
 * The mira_staking_* meters, registered only on a chain with staking. {@link #onState} takes the stake
 * state of each finalized block (from the stream.StakingStateFeed, on the consensus thread) and
 * computes the figures once; scrapes read the latest. Slashing events and issued rewards only grow, so
 * they are function counters over the state's own totals: correct after a restart too. The registry holds
 * function counters weakly: the node keeps this instance referenced (the feed that calls it holds it).
 */
public final class StakingMetrics {
    private volatile StakingFigures figures;

    /** @param atStart the finalized stake state when the node starts */
    public StakingMetrics(MeterRegistry registry, StakingState atStart) {
        figures = StakingFigures.of(atStart);
        Gauge.builder("mira_staking_epoch", this, metrics -> metrics.figures.epoch())
                .description("epoch of the finalized head's stake state").strongReference(true).register(registry);
        Gauge.builder("mira_staking_active_stake", this, metrics -> metrics.figures.activeStake())
                .description("lamports bonded in the current epoch's snapshot").strongReference(true)
                .register(registry);
        for (ValidatorStatus status : ValidatorStatus.values()) {
            Gauge.builder("mira_staking_validators", this, metrics -> metrics.figures.validators().get(status))
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .description("registered validators by status").strongReference(true).register(registry);
        }
        for (SlashingEvent.Reason reason : SlashingEvent.Reason.values()) {
            FunctionCounter.builder("mira_staking_slashing_events", this,
                            metrics -> metrics.figures.slashingEvents().get(reason))
                    .tag("reason", reason.wireName())
                    .description("slashing events in the stake state, by reason").register(registry);
        }
        FunctionCounter.builder("mira_staking_rewards_issued", this, metrics -> metrics.figures.rewardsIssued())
                .description("lamports minted as rewards since genesis").register(registry);
        Gauge.builder("mira_staking_total_supply", this, metrics -> metrics.figures.totalSupply())
                .description("lamports in existence: unstaked plus every stake account").strongReference(true)
                .register(registry);
    }

    /** The stake state of a finalized block. */
    public void onState(StakingSnapshot snapshot) {
        figures = StakingFigures.of(snapshot.state());
    }
}
