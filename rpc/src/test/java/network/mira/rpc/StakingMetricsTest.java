package network.mira.rpc;

import static network.mira.settlement.staking.StakingFixtures.MIRA;
import static network.mira.settlement.staking.StakingFixtures.consensusKey;
import static network.mira.settlement.staking.StakingFixtures.identity;
import static network.mira.settlement.staking.StakingFixtures.selfBond;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import network.mira.core.crypto.Hash;
import network.mira.rpc.service.StakingSnapshot;
import network.mira.settlement.staking.GenesisValidator;
import network.mira.settlement.staking.Slashing;
import network.mira.settlement.staking.SlashingEvent;
import network.mira.settlement.staking.StakingFixtures;
import network.mira.settlement.staking.StakingState;
import org.junit.jupiter.api.Test;

/** The mira_staking_* meters in Prometheus text, on the fixture's state with one validator of each status. */
class StakingMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void everyMeterReadsTheLatestState() {
        StakingState genesis = StakingFixture.genesis();
        StakingMetrics metrics = new StakingMetrics(registry, genesis);

        assertThat(registry.scrape()).contains("mira_staking_epoch 0.0",
                "mira_staking_active_stake " + (double) (600 * MIRA),
                "mira_staking_validators{status=\"active\"} 3.0",
                "mira_staking_validators{status=\"jailed\"} 0.0",
                "mira_staking_slashing_events_total{reason=\"double_sign\"} 0.0",
                "mira_staking_slashing_events_total{reason=\"verification_no_reveal\"} 0.0",
                "mira_staking_slashing_events_total{reason=\"verification_equivocation\"} 0.0",
                "mira_staking_slashing_events_total{reason=\"verification_guessing\"} 0.0",
                "mira_staking_rewards_issued_total 0.0",
                "mira_staking_total_supply " + (double) genesis.totalSupply());

        StakingState state = StakingFixture.build();
        metrics.onState(StakingSnapshot.finalized(state, 19));

        assertThat(registry.scrape()).contains("mira_staking_epoch 1.0",
                // The epoch-1 snapshot: self-bonds 100 + 200 + 300 and stakes 1 and 2 (40 + 20) of validator 1.
                "mira_staking_active_stake " + (double) (660 * MIRA),
                "mira_staking_validators{status=\"active\"} 1.0",
                "mira_staking_validators{status=\"inactive\"} 1.0",
                "mira_staking_validators{status=\"jailed\"} 1.0",
                "mira_staking_validators{status=\"tombstoned\"} 1.0",
                "mira_staking_slashing_events_total{reason=\"double_sign\"} 1.0",
                "mira_staking_slashing_events_total{reason=\"downtime\"} 1.0",
                "mira_staking_total_supply " + (double) state.totalSupply());
    }

    @Test
    void verificationSlashesAreCountedByReason() {
        StakingState state = StakingFixture.genesis();
        Hash request = Hash.sha256(new byte[] {1});
        for (SlashingEvent.Reason reason : List.of(SlashingEvent.Reason.VERIFICATION_NO_REVEAL,
                SlashingEvent.Reason.VERIFICATION_GUESSING, SlashingEvent.Reason.VERIFICATION_GUESSING)) {
            state = StakingFixture.applied(Slashing.slashVerification(state, identity(0), reason, 5, request, 10));
        }
        new StakingMetrics(registry, state);

        assertThat(registry.scrape()).contains(
                "mira_staking_slashing_events_total{reason=\"verification_no_reveal\"} 1.0",
                "mira_staking_slashing_events_total{reason=\"verification_equivocation\"} 0.0",
                "mira_staking_slashing_events_total{reason=\"verification_guessing\"} 2.0");
    }

    @Test
    void issuedRewardsAreTheStatesCounter() {
        // The shared fixture parameters mint the default issuance each epoch.
        StakingState genesis = StakingState.genesis(StakingFixtures.parameters(), StakingFixtures.GENESIS_SUPPLY,
                List.of(new GenesisValidator(identity(0), consensusKey(0), 1_000, selfBond(0), 100 * MIRA)));
        StakingState paid = StakingFixture.nextEpoch(genesis);
        new StakingMetrics(registry, paid);

        assertThat(paid.supply().issued()).isEqualTo(StakingFixtures.parameters().issuancePerEpoch());
        assertThat(registry.scrape()).contains("mira_staking_rewards_issued_total " + (double) paid.supply().issued(),
                "mira_staking_total_supply " + (double) (StakingFixtures.GENESIS_SUPPLY + paid.supply().issued()));
    }
}
