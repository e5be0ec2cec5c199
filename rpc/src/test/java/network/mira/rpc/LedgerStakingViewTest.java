package network.mira.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import network.mira.config.Genesis;
import network.mira.core.crypto.KeyPair;
import network.mira.core.store.RocksKeyValueStore;
import network.mira.rpc.service.LedgerStakingView;
import network.mira.rpc.service.StakingSnapshot;
import network.mira.rpc.v1.Commitment;
import network.mira.settlement.genesis.GenesisInitializer;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.settlement.staking.program.StakeProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view over the stake program's state account in a real ledger. */
class LedgerStakingViewTest {
    @TempDir
    Path dir;

    private static Genesis genesis(List<Genesis.GenesisAccount> extra) {
        KeyPair validator = KeyPair.generate(new java.security.SecureRandom());
        List<Genesis.GenesisAccount> accounts = new java.util.ArrayList<>(extra);
        accounts.add(new Genesis.GenesisAccount(KeyPair.generate(new java.security.SecureRandom()).publicKey(),
                1_000_000_000L));
        return new Genesis("mira-staking-view", 1_700_000_000_000L, 5_000, 150, Genesis.ComputeLimits.DEFAULTS,
                Optional.empty(), accounts, List.of(new Genesis.GenesisValidator(validator.publicKey(), 1_000_000)));
    }

    @Test
    void absentStateAccountIsEmpty() throws Exception {
        try (RocksKeyValueStore store = RocksKeyValueStore.open(dir.resolve("db"))) {
            Ledger ledger = new Ledger(store);
            GenesisInitializer.openOrInitialize(ledger, genesis(List.of()));
            assertThat(new LedgerStakingView(ledger).current()).isEmpty();
        }
    }

    @Test
    void stateAccountIsDecodedAtTheFinalizedHeight() throws Exception {
        StakingState state = StakingFixture.build();
        byte[] data = StakingStateCodec.encode(state);
        try (RocksKeyValueStore store = RocksKeyValueStore.open(dir.resolve("db"))) {
            Ledger ledger = new Ledger(store);
            GenesisInitializer.openOrInitialize(ledger, genesis(List.of(new Genesis.GenesisAccount(
                    StakeProgram.STATE_ACCOUNT, state.totalStaked(), StakeProgram.ID, data, false))));

            StakingSnapshot snapshot = new LedgerStakingView(ledger).current().orElseThrow();

            assertThat(snapshot.height()).isEqualTo(ledger.finalizedHeight()).isZero();
            assertThat(snapshot.commitment()).isEqualTo(Commitment.FINALIZED);
            assertThat(snapshot.state()).isEqualTo(state);
            assertThat(StakingStateCodec.encode(snapshot.state())).isEqualTo(data);
        }
    }
}
