package network.mira.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import network.mira.core.crypto.PublicKey;

/** Small, readable genesis values for tests. */
final class GenesisFixtures {
    private GenesisFixtures() {}

    static PublicKey key(int n) {
        byte[] bytes = new byte[PublicKey.LENGTH];
        Arrays.fill(bytes, (byte) n);
        return PublicKey.wrap(bytes);
    }

    /** Two accounts (the second with data and a non-system owner), a faucet, two validators. */
    static Genesis sample() {
        return new Genesis("mira-test", 1_764_115_200_000L, 5_000, 150, Genesis.ComputeLimits.DEFAULTS,
                Optional.of(new Genesis.GenesisFaucet(true, key(1))),
                List.of(new Genesis.GenesisAccount(key(1), 1_000),
                        new Genesis.GenesisAccount(key(2), 7, key(9), new byte[] {1, 2, 3}, true)),
                List.of(new Genesis.GenesisValidator(key(3), 1_000_000),
                        new Genesis.GenesisValidator(key(4), 2_000_000)));
    }

    static Genesis with(Genesis g, List<Genesis.GenesisAccount> accounts) {
        return new Genesis(g.chainId(), g.genesisTimeMs(), g.lamportsPerSignature(), g.blockhashMaxAgeBlocks(),
                g.compute(), g.faucet(), accounts, g.validators());
    }

    static Genesis withValidators(Genesis g, List<Genesis.GenesisValidator> validators) {
        return new Genesis(g.chainId(), g.genesisTimeMs(), g.lamportsPerSignature(), g.blockhashMaxAgeBlocks(),
                g.compute(), g.faucet(), g.accounts(), validators);
    }

    static Genesis withFaucet(Genesis g, Optional<Genesis.GenesisFaucet> faucet) {
        return new Genesis(g.chainId(), g.genesisTimeMs(), g.lamportsPerSignature(), g.blockhashMaxAgeBlocks(),
                g.compute(), faucet, g.accounts(), g.validators());
    }

    static Genesis withCompute(Genesis g, Genesis.ComputeLimits compute) {
        return new Genesis(g.chainId(), g.genesisTimeMs(), g.lamportsPerSignature(), g.blockhashMaxAgeBlocks(),
                compute, g.faucet(), g.accounts(), g.validators());
    }
}
