package network.mira.config;

import static network.mira.config.GenesisFixtures.key;
import static network.mira.config.GenesisFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import network.mira.config.Genesis.ComputeLimits;
import network.mira.config.Genesis.GenesisAccount;
import network.mira.config.Genesis.GenesisFaucet;
import network.mira.config.Genesis.GenesisValidator;
import network.mira.core.crypto.Hash;
import org.junit.jupiter.api.Test;

class GenesisTest {
    private static final Genesis S = sample();

    @Test
    void devnetFundsTheFaucetAndTheValidator() {
        Genesis g = Genesis.devnet(key(5), key(6), 1_764_115_200_000L);
        assertThat(g.chainId()).isEqualTo("mira-devnet");
        assertThat(g.genesisTimeMs()).isEqualTo(1_764_115_200_000L);
        assertThat(g.enabledFaucetAddress()).contains(key(6));
        assertThat(g.accounts()).containsExactly(
                new GenesisAccount(key(6), 500_000_000L * 1_000_000_000L),
                new GenesisAccount(key(5), 1_000L * 1_000_000_000L));
        assertThat(g.validators()).containsExactly(new GenesisValidator(key(5), 1_000_000L * 1_000_000_000L));
        assertThat(g.totalSupply()).isEqualTo(500_001_000L * 1_000_000_000L);
        assertThat(g.accounts().get(0).owner().toBase58()).isEqualTo("11111111111111111111111111111111");
    }

    @Test
    void aLocalTestnetStakesEveryValidatorEqually() {
        Genesis g = Genesis.local("mira-testnet", List.of(key(1), key(2), key(3)), key(9), 1L);
        assertThat(g.chainId()).isEqualTo("mira-testnet");
        assertThat(g.enabledFaucetAddress()).contains(key(9));
        assertThat(g.accounts()).extracting(GenesisAccount::address).containsExactly(key(9), key(1), key(2), key(3));
        assertThat(g.validators()).containsExactly(new GenesisValidator(key(1), 1_000_000L * 1_000_000_000L),
                new GenesisValidator(key(2), 1_000_000L * 1_000_000_000L),
                new GenesisValidator(key(3), 1_000_000L * 1_000_000_000L));
        assertThat(Genesis.local("mira-devnet", List.of(key(5)), key(6), 7L)).isEqualTo(Genesis.devnet(key(5), key(6), 7L));
        assertThatThrownBy(() -> Genesis.local("mira-testnet", List.of(), key(9), 1L))
                .hasMessage("genesis.validators: must contain at least one validator");
    }

    @Test
    void totalSupplyIsTheSumOfAccountLamports() {
        assertThat(S.totalSupply()).isEqualTo(1_007);
    }

    @Test
    void chainIdMustMatchThePattern() {
        for (String bad : List.of("", "Mira", "mira_dev", "mira dev", "a".repeat(49))) {
            assertThatThrownBy(() -> chainId(bad)).isInstanceOf(ConfigException.class)
                    .hasMessage("genesis.chain_id: must match [a-z0-9-]{1,48}, got '" + bad + "'");
        }
        assertThat(chainId("a".repeat(48)).chainId()).hasSize(48);
        assertThat(chainId("0-x").chainId()).isEqualTo("0-x");
    }

    @Test
    void scalarParametersAreRangeChecked() {
        assertThatThrownBy(() -> params(0, 0, 150)).hasMessage("genesis.genesis_time_ms: must be positive, got 0");
        assertThatThrownBy(() -> params(1, -1, 150))
                .hasMessage("genesis.lamports_per_signature: must not be negative, got -1");
        assertThatThrownBy(() -> params(1, 0, 0))
                .hasMessage("genesis.blockhash_max_age_blocks: must be between 1 and 10000, got 0");
        assertThatThrownBy(() -> params(1, 0, 10_001))
                .hasMessage("genesis.blockhash_max_age_blocks: must be between 1 and 10000, got 10001");
        assertThat(params(1, 0, 1).lamportsPerSignature()).isZero();
        assertThat(params(1, 0, 10_000).blockhashMaxAgeBlocks()).isEqualTo(10_000);
    }

    @Test
    void computeLimitsDefaultToSolanasValues() {
        assertThat(S.compute()).isEqualTo(new ComputeLimits(200_000, 1_400_000, 48_000_000, 12_000_000));
        assertThat(Genesis.devnet(key(5), key(6), 1L).compute()).isEqualTo(ComputeLimits.DEFAULTS);
    }

    @Test
    void computeLimitsMustBePositive() {
        assertThatThrownBy(() -> compute(0, 1_400_000, 48_000_000, 12_000_000))
                .isInstanceOf(ConfigException.class)
                .hasMessage("genesis.compute_unit_limit_per_instruction: must be positive, got 0");
        assertThatThrownBy(() -> compute(200_000, -1, 48_000_000, 12_000_000))
                .hasMessage("genesis.max_compute_units_per_transaction: must be positive, got -1");
        assertThatThrownBy(() -> compute(200_000, 1_400_000, 0, 12_000_000))
                .hasMessage("genesis.max_compute_units_per_block: must be positive, got 0");
        assertThatThrownBy(() -> compute(200_000, 1_400_000, 48_000_000, 0))
                .hasMessage("genesis.max_compute_units_per_account_per_block: must be positive, got 0");
        assertThatThrownBy(() -> GenesisFixtures.withCompute(S, null)).hasMessage("genesis.compute: is required");
    }

    @Test
    void computeLimitsNestPerTransactionInPerAccountInPerBlock() {
        assertThatThrownBy(() -> compute(200_000, 12_000_001, 48_000_000, 12_000_000))
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("genesis.max_compute_units_per_transaction");
        assertThatThrownBy(() -> compute(200_000, 12_000_001, 48_000_000, 12_000_000))
                .hasMessage("genesis.max_compute_units_per_transaction: must be at most"
                        + " max_compute_units_per_account_per_block (12000000), got 12000001");
        assertThatThrownBy(() -> compute(200_000, 1_400_000, 48_000_000, 48_000_001))
                .hasMessage("genesis.max_compute_units_per_account_per_block: must be at most"
                        + " max_compute_units_per_block (48000000), got 48000001");
        // Equal limits are allowed, and the per-instruction default is not bounded by them.
        assertThat(compute(5_000_000, 7, 7, 7).compute()).isEqualTo(new ComputeLimits(5_000_000, 7, 7, 7));
    }

    @Test
    void lamportsMustNotBeNegative() {
        assertThatThrownBy(() -> GenesisFixtures.with(S, List.of(S.accounts().get(0), new GenesisAccount(key(2), -1))))
                .hasMessage("genesis.accounts[1].lamports: must not be negative, got -1")
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("genesis.accounts[1].lamports");
        assertThat(GenesisFixtures.with(S, List.of(S.accounts().get(0), new GenesisAccount(key(2), 0))).totalSupply())
                .isEqualTo(1_000);
    }

    @Test
    void duplicateAccountsAreRefused() {
        assertThatThrownBy(() -> GenesisFixtures.with(S, List.of(new GenesisAccount(key(1), 1),
                new GenesisAccount(key(2), 1), new GenesisAccount(key(1), 2))))
                .hasMessage("genesis.accounts[2].address: duplicate of accounts[0].address " + key(1));
    }

    @Test
    void totalSupplyMustFitInALong() {
        assertThatThrownBy(() -> GenesisFixtures.with(S, List.of(new GenesisAccount(key(1), Long.MAX_VALUE),
                new GenesisAccount(key(2), 1))))
                .hasMessage("genesis.accounts[1].lamports: total supply overflows a signed 64-bit integer"
                        + " (9223372036854775807) when adding 1");
        assertThat(GenesisFixtures.with(S, List.of(new GenesisAccount(key(1), Long.MAX_VALUE - 1),
                new GenesisAccount(key(2), 1))).totalSupply()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void accountDataIsAtMostTenMebibytes() {
        byte[] max = new byte[10 * 1024 * 1024];
        assertThat(GenesisFixtures.with(S, List.of(new GenesisAccount(key(1), 1, key(9), max, false)))
                .accounts().get(0).dataLength()).isEqualTo(max.length);
        assertThatThrownBy(() -> GenesisFixtures.with(S, List.of(
                new GenesisAccount(key(1), 1, key(9), new byte[max.length + 1], false))))
                .hasMessage("genesis.accounts[0].data_base64: must decode to at most 10485760 bytes, got 10485761");
    }

    @Test
    void anEnabledFaucetMustBeAnAccount() {
        assertThatThrownBy(() -> GenesisFixtures.withFaucet(S, Optional.of(new GenesisFaucet(true, key(8)))))
                .hasMessage("genesis.faucet.address: must be one of the accounts when the faucet is enabled, got "
                        + key(8));
        Genesis disabled = GenesisFixtures.withFaucet(S, Optional.of(new GenesisFaucet(false, key(8))));
        assertThat(disabled.enabledFaucetAddress()).isEmpty();
        assertThat(GenesisFixtures.withFaucet(S, Optional.empty()).faucet()).isEmpty();
    }

    @Test
    void validatorsAreRequiredPositiveAndDistinct() {
        assertThatThrownBy(() -> GenesisFixtures.withValidators(S, List.of()))
                .hasMessage("genesis.validators: must contain at least one validator");
        assertThatThrownBy(() -> GenesisFixtures.withValidators(S, List.of(new GenesisValidator(key(3), 1),
                new GenesisValidator(key(4), 0))))
                .hasMessage("genesis.validators[1].stake: must be positive, got 0");
        assertThatThrownBy(() -> GenesisFixtures.withValidators(S, List.of(new GenesisValidator(key(3), -5))))
                .hasMessage("genesis.validators[0].stake: must be positive, got -5");
        assertThatThrownBy(() -> GenesisFixtures.withValidators(S, List.of(new GenesisValidator(key(3), 1),
                new GenesisValidator(key(3), 2))))
                .hasMessage("genesis.validators[1].identity: duplicate of validators[0].identity " + key(3));
        assertThatThrownBy(() -> GenesisFixtures.withValidators(S, List.of(new GenesisValidator(key(3), Long.MAX_VALUE),
                new GenesisValidator(key(4), 1))))
                .hasMessage("genesis.validators[1].stake: total stake overflows a signed 64-bit integer"
                        + " (9223372036854775807) when adding 1");
    }

    @Test
    void orderIsKept() {
        List<GenesisAccount> reversed = new ArrayList<>(S.accounts());
        java.util.Collections.reverse(reversed);
        assertThat(GenesisFixtures.with(S, reversed).accounts()).containsExactlyElementsOf(reversed);
    }

    @Test
    void everyFieldChangesTheHash() {
        GenesisAccount a0 = S.accounts().get(0);
        GenesisAccount a1 = S.accounts().get(1);
        GenesisValidator v0 = S.validators().get(0);
        GenesisValidator v1 = S.validators().get(1);
        List<Genesis> variants = List.of(
                S,
                chainId("mira-test2"),
                params(S.genesisTimeMs() + 1, S.lamportsPerSignature(), S.blockhashMaxAgeBlocks()),
                params(S.genesisTimeMs(), S.lamportsPerSignature() + 1, S.blockhashMaxAgeBlocks()),
                params(S.genesisTimeMs(), S.lamportsPerSignature(), S.blockhashMaxAgeBlocks() + 1),
                compute(200_001, 1_400_000, 48_000_000, 12_000_000),
                compute(200_000, 1_400_001, 48_000_000, 12_000_000),
                compute(200_000, 1_400_000, 48_000_001, 12_000_000),
                compute(200_000, 1_400_000, 48_000_000, 12_000_001),
                GenesisFixtures.withFaucet(S, Optional.empty()),
                GenesisFixtures.withFaucet(S, Optional.of(new GenesisFaucet(false, key(1)))),
                GenesisFixtures.withFaucet(S, Optional.of(new GenesisFaucet(true, key(2)))),
                GenesisFixtures.with(S, List.of(a0, new GenesisAccount(key(7), 7, key(9), new byte[] {1, 2, 3}, true))),
                GenesisFixtures.with(S, List.of(a0, new GenesisAccount(key(2), 8, key(9), new byte[] {1, 2, 3}, true))),
                GenesisFixtures.with(S, List.of(a0, new GenesisAccount(key(2), 7, key(8), new byte[] {1, 2, 3}, true))),
                GenesisFixtures.with(S, List.of(a0, new GenesisAccount(key(2), 7, key(9), new byte[] {1, 2, 4}, true))),
                GenesisFixtures.with(S, List.of(a0, new GenesisAccount(key(2), 7, key(9), new byte[] {1, 2}, true))),
                GenesisFixtures.with(S, List.of(a0, new GenesisAccount(key(2), 7, key(9), new byte[] {1, 2, 3}, false))),
                GenesisFixtures.with(S, List.of(a1, a0)),
                GenesisFixtures.with(S, List.of(a0)),
                GenesisFixtures.withValidators(S, List.of(v0, new GenesisValidator(key(5), v1.stake()))),
                GenesisFixtures.withValidators(S, List.of(v0, new GenesisValidator(v1.identity(), v1.stake() + 1))),
                GenesisFixtures.withValidators(S, List.of(v1, v0)),
                GenesisFixtures.withValidators(S, List.of(v0)));
        Set<Hash> hashes = new HashSet<>();
        variants.forEach(g -> hashes.add(g.hash()));
        assertThat(hashes).hasSize(variants.size());
        assertThat(new HashSet<>(variants)).hasSize(variants.size());
    }

    @Test
    void equalValuesHaveEqualHashes() {
        assertThat(sample()).isEqualTo(S).hasSameHashCodeAs(S);
        assertThat(sample().hash()).isEqualTo(S.hash());
    }

    @Test
    void theHashIsPinned() {
        // The encoding is a consensus matter: a change here forks every existing chain.
        assertThat(S.hash().toHex()).isEqualTo(PINNED_SAMPLE_HASH);
    }

    @Test
    void accountDataCannotBeChangedFromOutside() {
        byte[] data = {1, 2, 3};
        GenesisAccount account = new GenesisAccount(key(1), 1, key(2), data, false);
        data[0] = 9;
        account.data()[1] = 9;
        assertThat(account.data()).containsExactly(1, 2, 3);
    }

    static final String PINNED_SAMPLE_HASH = "e49cae28d01ae8f747aaa9a85222c2af2346e6ae3a4ce2861f957c73ab34b153";

    private static Genesis chainId(String chainId) {
        return new Genesis(chainId, S.genesisTimeMs(), S.lamportsPerSignature(), S.blockhashMaxAgeBlocks(),
                S.compute(), S.faucet(), S.accounts(), S.validators());
    }

    private static Genesis params(long timeMs, long lamportsPerSignature, int maxAge) {
        return new Genesis(S.chainId(), timeMs, lamportsPerSignature, maxAge, S.compute(), S.faucet(), S.accounts(),
                S.validators());
    }

    private static Genesis compute(long perInstruction, long perTransaction, long perBlock, long perAccount) {
        return GenesisFixtures.withCompute(S, new ComputeLimits(perInstruction, perTransaction, perBlock, perAccount));
    }

    @org.junit.jupiter.api.Test
    void parametersAreSortedHashedAndRoundTripThroughJsonWhileAGenesisWithoutThemKeepsItsHash() {
        Genesis plain = Genesis.devnet(network.mira.core.crypto.KeyPair.generate(new java.security.SecureRandom())
                .publicKey(), network.mira.core.crypto.KeyPair.generate(new java.security.SecureRandom()).publicKey(),
                1_764_115_200_000L);
        Genesis withParameters = plain.withParameters(java.util.Map.of("unbonding_epochs", 3L, "epoch_blocks", 20L));
        org.assertj.core.api.Assertions.assertThat(withParameters.parameters().keySet())
                .containsExactly("epoch_blocks", "unbonding_epochs");
        org.assertj.core.api.Assertions.assertThat(withParameters.hash()).isNotEqualTo(plain.hash());
        org.assertj.core.api.Assertions.assertThat(plain.withParameters(java.util.Map.of()).hash())
                .as("no parameters: the encoding, hence the hash, is the one from before parameters existed")
                .isEqualTo(plain.hash());
        Genesis back = GenesisJson.parse(GenesisJson.toJson(withParameters));
        org.assertj.core.api.Assertions.assertThat(back).isEqualTo(withParameters);
        org.assertj.core.api.Assertions.assertThat(back.hash()).isEqualTo(withParameters.hash());
        org.assertj.core.api.Assertions.assertThat(GenesisJson.toJson(plain)).doesNotContain("parameters");
    }

    @org.junit.jupiter.api.Test
    void parameterNamesAndValuesAreCheckedForForm() {
        Genesis plain = Genesis.devnet(network.mira.core.crypto.KeyPair.generate(new java.security.SecureRandom())
                .publicKey(), network.mira.core.crypto.KeyPair.generate(new java.security.SecureRandom()).publicKey(),
                1_764_115_200_000L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.withParameters(java.util.Map.of("Epoch", 1L)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'Epoch' is not a parameter name");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.withParameters(
                java.util.Map.of("epoch_blocks", -1L))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("genesis.parameters.epoch_blocks");
    }
}
