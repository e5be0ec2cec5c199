package network.mira.rpc;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import network.mira.settlement.staking.EpochSnapshot;
import network.mira.settlement.staking.SlashingEvent;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.ValidatorRecord;
import network.mira.settlement.staking.ValidatorStatus;

/**
 * What the staking meters show, computed from one stake state: once per finalized block, so a scrape
 * only reads numbers. Every status and reason has a count, zero included, so each series always exists.
 *
 * @param activeStake lamports bonded in the current epoch's snapshot (every bond, in the set or not)
 * @param totalSupply unstaked lamports plus every stake account ({@link StakingState#totalSupply()})
 */
record StakingFigures(long epoch, long activeStake, Map<ValidatorStatus, Long> validators,
                      Map<SlashingEvent.Reason, Long> slashingEvents, long rewardsIssued, long totalSupply) {
    StakingFigures {
        validators = Collections.unmodifiableMap(new EnumMap<>(validators));
        slashingEvents = Collections.unmodifiableMap(new EnumMap<>(slashingEvents));
        if (validators.size() != ValidatorStatus.values().length
                || slashingEvents.size() != SlashingEvent.Reason.values().length) {
            throw new IllegalArgumentException("every status and reason needs a count: " + validators + ", "
                    + slashingEvents);
        }
    }

    static StakingFigures of(StakingState state) {
        long activeStake = 0;
        for (EpochSnapshot.Bond bond : state.currentSnapshot().bonds().values()) {
            activeStake = Math.addExact(activeStake, bond.amount());
        }
        Map<ValidatorStatus, Long> validators = new EnumMap<>(ValidatorStatus.class);
        for (ValidatorStatus status : ValidatorStatus.values()) {
            validators.put(status, 0L);
        }
        for (ValidatorRecord record : state.validators().values()) {
            validators.merge(record.status(), 1L, Long::sum);
        }
        Map<SlashingEvent.Reason, Long> slashingEvents = new EnumMap<>(SlashingEvent.Reason.class);
        for (SlashingEvent.Reason reason : SlashingEvent.Reason.values()) {
            slashingEvents.put(reason, 0L);
        }
        for (SlashingEvent event : state.slashingEvents()) {
            slashingEvents.merge(event.reason(), 1L, Long::sum);
        }
        return new StakingFigures(state.epoch(), activeStake, validators, slashingEvents, state.supply().issued(),
                state.totalSupply());
    }
}
