package network.mira.rpc;

import static network.mira.settlement.staking.StakingFixtures.GENESIS_SUPPLY;
import static network.mira.settlement.staking.StakingFixtures.MIRA;
import static network.mira.settlement.staking.StakingFixtures.consensusKey;
import static network.mira.settlement.staking.StakingFixtures.identity;
import static network.mira.settlement.staking.StakingFixtures.selfBond;
import static network.mira.settlement.staking.StakingFixtures.stake;
import static network.mira.settlement.staking.StakingFixtures.staker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.staking.EpochTransition;
import network.mira.settlement.staking.GenesisValidator;
import network.mira.settlement.staking.Slashing;
import network.mira.settlement.staking.StakingOperations;
import network.mira.settlement.staking.StakingFixtures;
import network.mira.settlement.staking.StakingParameters;
import network.mira.settlement.staking.StakingResult;
import network.mira.settlement.staking.StakingState;

/**
 * A staking state built with the pure API, holding one of everything the staking RPC shows: an
 * active validator with a delegator, a jailed one (downtime), a tombstoned one (double sign), a
 * freshly registered inactive one, and stake accounts in the inactive, activating, active and
 * deactivating states. Epoch 1 (heights 10..19); signatures recorded up to height 19.
 */
final class StakingFixture {
    static final Hash EVIDENCE = Hash.sha256(new byte[] {42});
    static final long DOUBLE_SIGN_HEIGHT = 15;

    private StakingFixture() {}

    /** The staking tests' parameters, without issuance so that amounts stay round. */
    static StakingParameters parameters() {
        return StakingFixtures.parameters().with("issuance_per_epoch", "0");
    }

    /** Validators 0, 1, 2 at genesis (self-bonds 100, 200, 300 MIRA; commission 10%). */
    static StakingState genesis() {
        List<GenesisValidator> validators = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            validators.add(new GenesisValidator(identity(i), consensusKey(i), 1_000, selfBond(i), 100 * MIRA * (i + 1)));
        }
        return StakingState.genesis(parameters(), GENESIS_SUPPLY, validators);
    }

    /**
     * Validator 0 jailed for downtime, validator 2 tombstoned for double-signing at height 15,
     * validator 1 active (3 blocks missed) with staker 1's 40 MIRA (stake 1) bonded to it; staker 1 also holds stake 2
     * (20 MIRA, deactivating) and stake 3 (5 MIRA, not delegated); staker 2's stake 4 (7 MIRA) is
     * activating toward validator 1; validator 3 was registered in epoch 1 (inactive).
     */
    static StakingState build() {
        StakingState state = genesis();
        state = applied(StakingOperations.createStake(state, stake(1), staker(1), 40 * MIRA));
        state = applied(StakingOperations.delegate(state, stake(1), staker(1), identity(1)));
        state = applied(StakingOperations.createStake(state, stake(2), staker(1), 20 * MIRA));
        state = applied(StakingOperations.delegate(state, stake(2), staker(1), identity(1)));
        state = nextEpoch(state);
        // Epoch 1: validator 0 signs nothing in heights 10..19 (jailed at 19), validator 1 misses 10..12.
        for (long height = 10; height < 20; height++) {
            Set<PublicKey> signers = height < 13 ? Set.of(consensusKey(2)) : Set.of(consensusKey(1), consensusKey(2));
            state = applied(Slashing.recordBlockSignatures(state, height, signers));
        }
        state = applied(Slashing.slashDoubleSign(state, identity(2), DOUBLE_SIGN_HEIGHT, EVIDENCE));
        state = applied(StakingOperations.deactivate(state, stake(2), staker(1)));
        state = applied(StakingOperations.createStake(state, stake(3), staker(1), 5 * MIRA));
        state = applied(StakingOperations.createStake(state, stake(4), staker(2), 7 * MIRA));
        state = applied(StakingOperations.delegate(state, stake(4), staker(2), identity(1)));
        state = applied(StakingOperations.registerValidator(state, identity(3), consensusKey(3), 500, selfBond(3),
                2 * MIRA));
        state.checkInvariants();
        return state;
    }

    static StakingState nextEpoch(StakingState state) {
        Map<PublicKey, Long> signed = new TreeMap<>();
        new TreeSet<>(state.currentSnapshot().members().keySet())
                .forEach(identity -> signed.put(identity, state.parameters().epochBlocks()));
        return EpochTransition.apply(state, state.epoch() + 1, 0, signed).state();
    }

    static StakingState applied(StakingResult result) {
        if (result instanceof StakingResult.Applied applied) {
            return applied.state();
        }
        throw new AssertionError("refused: " + result);
    }
}
