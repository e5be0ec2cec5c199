package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.Optional;
import network.mira.config.Genesis;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.sessions.SessionParameters;
import network.mira.settlement.genesis.GenesisInitializer;
import network.mira.settlement.staking.StakingParameters;
import network.mira.verification.program.VerificationParameters;
import org.junit.jupiter.api.Test;

/** --genesis-param across the three families: staking, sessions and the verification program. */
class GenesisParametersTest {
    @Test
    void completeWritesEveryParameterOfEveryFamily() {
        SortedMap<String, Long> all = GenesisParameters.complete(Map.of());

        assertThat(all.keySet()).containsAll(StakingParameters.names()).containsAll(SessionParameters.names())
                .containsAll(VerificationParameters.names());
        assertThat(all).hasSize(StakingParameters.names().size() + SessionParameters.names().size()
                + VerificationParameters.names().size());
        assertThat(all).containsAllEntriesOf(VerificationParameters.defaults().asMap());
    }

    @Test
    void aVerificationParameterIsParsedCompletedAndReadBack() {
        SortedMap<String, Long> given = GenesisParameters.parse(List.of("verification_commit_blocks=7",
                "verification_min_fee=1_000", "epoch_blocks=20"));
        SortedMap<String, Long> all = GenesisParameters.complete(given);

        assertThat(all).containsEntry("verification_commit_blocks", 7L).containsEntry("verification_min_fee", 1_000L)
                .containsEntry("epoch_blocks", 20L);
        assertThat(GenesisParameters.checkVerification(all).commitBlocks()).isEqualTo(7);
        assertThat(GenesisParameters.check(all).epochBlocks())
                .as("verification names do not reach staking's check").isEqualTo(20);
        assertThat(GenesisParameters.checkSessions(all)).isEqualTo(SessionParameters.defaults());
    }

    @Test
    void refusesAnOutOfRangeVerificationParameterNamingIt() {
        assertThatThrownBy(() -> GenesisParameters.parse(List.of("verification_slash_guessing_bps=10001")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verification_slash_guessing_bps");
        assertThatThrownBy(() -> GenesisParameters.parse(List.of("verification_reveal_blocks=0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verification_reveal_blocks");
        assertThatThrownBy(() -> GenesisParameters.parse(List.of("verification_reveal_blocks=soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verification_reveal_blocks")
                .hasMessageContaining("integer");
        assertThatThrownBy(() -> GenesisParameters.complete(Map.of("verification_max_committee", 0L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verification_max_committee");
    }

    @Test
    void refusesAnUnknownVerificationParameterNamingIt() {
        assertThatThrownBy(() -> GenesisParameters.parse(List.of("verification_comit_blocks=4")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verification_comit_blocks");
        assertThatThrownBy(() -> GenesisParameters.complete(Map.of("verification_comit_blocks", 4L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verification_comit_blocks");
    }

    @Test
    void aGenesisWithEveryFamilyStartsStakingWithItsStakingParameters() {
        PublicKey validator = PublicKey.wrap(Hash.sha256(new byte[] {1}).bytes());
        SortedMap<String, Long> all = GenesisParameters.complete(GenesisParameters.parse(List.of("epoch_blocks=30",
                "verification_exclusion_epochs=9", "session_max_lifetime_ms=600000")));
        Genesis genesis = new Genesis("mira-test", 1_000, 5_000, 150, Genesis.ComputeLimits.DEFAULTS, Optional.empty(),
                List.of(), List.of(new Genesis.GenesisValidator(validator, 1_000_000)), all);

        StakingParameters staking = GenesisInitializer.staking(genesis).orElseThrow();

        assertThat(staking.epochBlocks()).isEqualTo(30);
        assertThat(staking.asMap().keySet()).doesNotContainAnyElementsOf(VerificationParameters.names());
        assertThat(GenesisParameters.checkVerification(genesis.parameters()).exclusionEpochs()).isEqualTo(9);
    }

    @Test
    void theCommitteeRuleDoesNotDependOnTheOrderOfTheEntries() {
        List<String> smaller = List.of("verification_max_committee=3", "verification_default_committee=2");

        assertThat(GenesisParameters.parse(smaller)).containsEntry("verification_max_committee", 3L);
        assertThat(GenesisParameters.parse(List.of(smaller.get(1), smaller.get(0))))
                .containsEntry("verification_default_committee", 2L);
        assertThatThrownBy(() -> GenesisParameters.parse(List.of("verification_max_committee=3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verification_default_committee");
    }
}
