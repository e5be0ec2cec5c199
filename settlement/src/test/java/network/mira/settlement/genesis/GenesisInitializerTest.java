package network.mira.settlement.genesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import network.mira.config.Genesis;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.staking.StakingParameters;
import network.mira.svm.BlockContext;
import network.mira.svm.compute.ComputeParameters;
import org.junit.jupiter.api.Test;

class GenesisInitializerTest {
    private static final PublicKey VALIDATOR = PublicKey.wrap(Hash.sha256(new byte[] {1}).bytes());

    @Test
    void theChainsComputeLimitsComeFromGenesis() {
        Genesis genesis = new Genesis("mira-test", 1_000, 7, 150, new Genesis.ComputeLimits(100, 1_000, 50_000, 20_000),
                Optional.empty(), List.of(), List.of(new Genesis.GenesisValidator(VALIDATOR, 1)));
        ChainParameters parameters = GenesisInitializer.parameters(genesis);
        assertThat(parameters.compute()).isEqualTo(new ComputeParameters(100, 1_000, 50_000, 20_000));
        BlockContext block = parameters.blockContext(5, 2_000);
        assertThat(block.compute()).isEqualTo(parameters.compute());
        assertThat(block.lamportsPerSignature()).isEqualTo(7);
        assertThat(block.height()).isEqualTo(5);
    }

    @Test
    void stakingReadsOnlyItsOwnParametersFromAGenesisThatCarriesOtherFamilies() {
        // Other modules' names (settlement does not depend on them) must neither break nor reach staking.
        Genesis genesis = new Genesis("mira-test", 1_000, 7, 150, Genesis.ComputeLimits.DEFAULTS, Optional.empty(),
                List.of(), List.of(new Genesis.GenesisValidator(VALIDATOR, 1_000_000)),
                new TreeMap<>(Map.of("epoch_blocks", 25L, "session_max_lifetime_ms", 600_000L,
                        "verification_commit_blocks", 6L, "verification_slash_guessing_bps", 1_000L)));

        StakingParameters staking = GenesisInitializer.staking(genesis).orElseThrow();

        assertThat(staking.epochBlocks()).isEqualTo(25);
        assertThat(staking).isEqualTo(StakingParameters.defaults().with("epoch_blocks", "25"));
    }

    @Test
    void theDevnetUsesSolanasLimits() {
        PublicKey faucet = PublicKey.wrap(Hash.sha256(new byte[] {2}).bytes());
        assertThat(GenesisInitializer.parameters(Genesis.devnet(VALIDATOR, faucet, 1_000)).compute())
                .isEqualTo(ComputeParameters.SOLANA_DEFAULTS);
    }
}
