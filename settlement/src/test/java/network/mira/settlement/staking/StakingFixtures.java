package network.mira.settlement.staking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import network.mira.core.crypto.PublicKey;

/** Deterministic keys and small chains for staking tests. */
public final class StakingFixtures {
    public static final long MIRA = StakingParameters.LAMPORTS_PER_MIRA;
    public static final long GENESIS_SUPPLY = 1_000_000 * MIRA;

    private StakingFixtures() {}

    /** A key whose bytes are {@code kind} then {@code n}: distinct, and ordered by n within a kind. */
    public static PublicKey key(int kind, int n) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) kind;
        bytes[28] = (byte) (n >>> 24);
        bytes[29] = (byte) (n >>> 16);
        bytes[30] = (byte) (n >>> 8);
        bytes[31] = (byte) n;
        return PublicKey.wrap(bytes);
    }

    public static PublicKey identity(int n) {
        return key(1, n);
    }

    public static PublicKey consensusKey(int n) {
        return key(2, n);
    }

    public static PublicKey selfBond(int n) {
        return key(3, n);
    }

    public static PublicKey stake(int n) {
        return key(4, n);
    }

    public static PublicKey staker(int n) {
        return key(5, n);
    }

    public static StakingParameters parameters() {
        return StakingParameters.defaults().with("epoch_blocks", "10").with("unbonding_epochs", "3")
                .with("downtime_window", "10").with("jail_blocks", "20");
    }

    /** Genesis with {@code count} validators, each self-bonded with 100 MIRA * (i + 1), commission 10%. */
    static StakingState genesis(StakingParameters parameters, int count) {
        List<GenesisValidator> validators = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            validators.add(new GenesisValidator(identity(i), consensusKey(i), 1_000, selfBond(i), 100 * MIRA * (i + 1)));
        }
        return StakingState.genesis(parameters, GENESIS_SUPPLY, validators);
    }

    static StakingState applied(StakingResult result) {
        if (result instanceof StakingResult.Applied applied) {
            applied.state().checkInvariants();
            return applied.state();
        }
        throw new AssertionError("refused: " + result);
    }

    /** Every set member signed every block of the epoch. */
    static Map<PublicKey, Long> allSigned(StakingState state) {
        Map<PublicKey, Long> signed = new TreeMap<>();
        for (PublicKey identity : state.currentSnapshot().members().keySet()) {
            signed.put(identity, state.parameters().epochBlocks());
        }
        return signed;
    }

    static StakingState nextEpoch(StakingState state, long fees) {
        EpochOutcome outcome = EpochTransition.apply(state, state.epoch() + 1, fees, allSigned(state));
        outcome.state().checkInvariants();
        return outcome.state();
    }

    static StakingState epochs(StakingState state, int count) {
        for (int i = 0; i < count; i++) {
            state = nextEpoch(state, 0);
        }
        return state;
    }
}
