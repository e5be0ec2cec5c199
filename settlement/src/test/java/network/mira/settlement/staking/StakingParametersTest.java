package network.mira.settlement.staking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StakingParametersTest {

    @Test
    void defaultsAreValidAndNamed() {
        StakingParameters defaults = StakingParameters.defaults();
        assertThat(defaults.asMap()).containsEntry("epoch_blocks", 100L).containsEntry("unbonding_epochs", 7L)
                .containsEntry("max_stake_change_bps", 2_500L).containsEntry("slash_double_sign_bps", 500L)
                .hasSize(12);
        assertThat(StakingParameters.names()).contains("downtime_window", "issuance_per_epoch");
    }

    @Test
    void byNameOverridesDefaults() {
        StakingParameters parameters = StakingParameters.byName(Map.of("epoch_blocks", "20", "jail_blocks", "1_000"));
        assertThat(parameters.epochBlocks()).isEqualTo(20);
        assertThat(parameters.jailBlocks()).isEqualTo(1_000);
        assertThat(parameters.unbondingEpochs()).isEqualTo(7);
    }

    @Test
    void unknownNameIsRefusedNamingIt() {
        assertThatThrownBy(() -> StakingParameters.defaults().with("epoch_blokcs", "5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown genesis parameter 'epoch_blokcs'").hasMessageContaining("epoch_blocks");
    }

    @Test
    void outOfRangeValueIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> StakingParameters.defaults().with("max_stake_change_bps", "10001"))
                .hasMessage("genesis parameter max_stake_change_bps must be between 1 and 10000, got 10001");
        assertThatThrownBy(() -> StakingParameters.defaults().with("slash_downtime_bps", "-1"))
                .hasMessageContaining("slash_downtime_bps");
        assertThatThrownBy(() -> StakingParameters.defaults().with("unbonding_epochs", "0"))
                .hasMessageContaining("unbonding_epochs must be between 1");
        assertThatThrownBy(() -> StakingParameters.byName(Map.of("jail_blocks", "ten")))
                .hasMessageContaining("genesis parameter jail_blocks must be an integer");
    }

    @Test
    void epochOfHeight() {
        StakingParameters parameters = StakingFixtures.parameters();
        assertThat(parameters.epochOf(0)).isZero();
        assertThat(parameters.epochOf(9)).isZero();
        assertThat(parameters.epochOf(10)).isEqualTo(1);
    }
}
