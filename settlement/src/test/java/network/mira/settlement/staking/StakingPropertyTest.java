package network.mira.settlement.staking;

import static network.mira.settlement.staking.StakingFixtures.MIRA;
import static network.mira.settlement.staking.StakingFixtures.consensusKey;
import static network.mira.settlement.staking.StakingFixtures.identity;
import static network.mira.settlement.staking.StakingFixtures.stake;
import static network.mira.settlement.staking.StakingFixtures.staker;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

class StakingPropertyTest {
    private static final int VALIDATORS = 5;

    /** Never more than the cap moves per epoch in either direction, the cap is used when stake waits, and all of it eventually moves. */
    @Property(tries = 200)
    void activationAndDeactivationRespectTheCap(@ForAll long seed) {
        Random random = new Random(seed);
        StakingParameters parameters = StakingFixtures.parameters().with("issuance_per_epoch", "0")
                .with("max_stake_change_bps", String.valueOf(200 + random.nextInt(4_800)));
        StakingState state = StakingFixtures.genesis(parameters, VALIDATORS);
        int accounts = 0;
        // Requests for 20 epochs, then at most 2,000 epochs for the queues to drain (the cap grows with the total).
        for (int epoch = 0; epoch < 20 || (epoch < 2_000 && waiting(state, true) + waiting(state, false) > 0); epoch++) {
            if (epoch < 20) {
                for (int i = random.nextInt(4); i > 0; i--) {
                    PublicKey address = stake(accounts++);
                    long amount = 1 + (long) (random.nextDouble() * 500 * MIRA);
                    state = StakingFixtures.applied(StakingOperations.createStake(state, address, staker(0), amount));
                    state = StakingFixtures.applied(StakingOperations.delegate(state, address, staker(0),
                            identity(random.nextInt(VALIDATORS))));
                }
                for (StakeAccount account : state.stakeAccounts().values()) {
                    if (account.authority().equals(staker(0)) && !account.isDeactivated() && random.nextInt(8) == 0) {
                        state = StakingFixtures.applied(StakingOperations.deactivate(state, account.address(),
                                staker(0)));
                    }
                }
            }
            long cap = StakeWarmup.cap(state.totalActive(), parameters.maxStakeChangeBps());
            long waitingToActivate = waiting(state, true);
            long waitingToDeactivate = waiting(state, false);
            EpochOutcome outcome = EpochTransition.apply(state, state.epoch() + 1, 0, StakingFixtures.allSigned(state));
            long activated = outcome.events().stream().filter(e -> e instanceof StakingEvent.StakeActivated)
                    .mapToLong(e -> ((StakingEvent.StakeActivated) e).amount()).sum();
            long deactivated = outcome.events().stream().filter(e -> e instanceof StakingEvent.StakeDeactivated)
                    .mapToLong(e -> ((StakingEvent.StakeDeactivated) e).amount()).sum();
            assertThat(activated).isEqualTo(Math.min(cap, waitingToActivate));
            assertThat(deactivated).isEqualTo(Math.min(cap, waitingToDeactivate));
            assertThat(outcome.state().totalActive())
                    .isEqualTo(state.totalActive() + activated - deactivated);
            state = outcome.state();
            state.checkInvariants();
        }
        assertThat(waiting(state, true)).isZero();
        assertThat(waiting(state, false)).isZero();
    }

    /** Lamports waiting in one direction (delegated, requested in an earlier epoch). */
    private static long waiting(StakingState state, boolean activating) {
        long total = 0;
        for (StakeAccount account : state.stakeAccounts().values()) {
            total += activating ? account.activatingAmount() : (account.isDeactivated() ? account.activeAmount() : 0);
        }
        return total;
    }

    @Property(tries = 1_000)
    void exactSharesSumToTheTotalAndStayWithinOneLamportOfTheFloor(
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000_000L) long total,
            @ForAll @Size(min = 1, max = 30) List<@LongRange(min = 0, max = Long.MAX_VALUE / 64) Long> weightList) {
        long[] weights = weightList.stream().mapToLong(Long::longValue).toArray();
        long[] floors = RewardSplit.floorShares(total, weights);
        long[] shares = RewardSplit.exactShares(total, weights);
        boolean anyWeight = Arrays.stream(weights).anyMatch(w -> w > 0);
        assertThat(Arrays.stream(shares).sum()).isEqualTo(anyWeight ? total : 0);
        for (int i = 0; i < shares.length; i++) {
            assertThat(shares[i] - floors[i]).isBetween(0L, 1L);
            if (weights[i] == 0) {
                assertThat(shares[i]).isZero();
            }
        }
    }

    /** Each epoch's pool lands in stake accounts exactly; commission is floor(reward * bps / 10000). */
    @Property(tries = 200)
    void rewardsDistributeExactlyThePool(@ForAll long seed) {
        Random random = new Random(seed);
        StakingParameters parameters = StakingFixtures.parameters()
                .with("issuance_per_epoch", String.valueOf(random.nextInt(1_000_000_000)));
        StakingState state = StakingFixtures.genesis(parameters, VALIDATORS);
        for (int i = 0; i < 8; i++) {
            state = StakingFixtures.applied(StakingOperations.createStake(state, stake(i), staker(i),
                    1 + random.nextInt(Integer.MAX_VALUE)));
            state = StakingFixtures.applied(StakingOperations.delegate(state, stake(i), staker(i),
                    identity(random.nextInt(VALIDATORS))));
        }
        for (int epoch = 0; epoch < 10; epoch++) {
            Map<PublicKey, Long> signed = new TreeMap<>();
            for (PublicKey member : state.currentSnapshot().members().keySet()) {
                signed.put(member, (long) random.nextInt((int) parameters.epochBlocks() + 1));
            }
            long fees = random.nextInt(1_000_000);
            long stakedBefore = state.totalStaked();
            EpochOutcome outcome = EpochTransition.apply(state, state.epoch() + 1, fees, signed);
            StakingState next = outcome.state();
            next.checkInvariants();
            long paid = 0;
            for (StakingEvent event : outcome.events()) {
                if (event instanceof StakingEvent.RewardPaid reward) {
                    long total = reward.commission() + reward.delegators();
                    long bps = state.validators().get(reward.validator()).commissionBps();
                    assertThat(reward.commission()).isEqualTo(total * bps / 10_000);
                    paid += total;
                }
            }
            boolean anySigned = signed.values().stream().anyMatch(count -> count > 0);
            long pool = parameters.issuancePerEpoch() + fees;
            assertThat(paid).isEqualTo(anySigned ? pool : 0);
            assertThat(next.totalStaked() - stakedBefore).isEqualTo(anySigned ? pool : 0);
            assertThat(next.supply().burned() - state.supply().burned()).isEqualTo(anySigned ? 0 : fees);
            state = next;
        }
    }

    /** A double-sign slash takes exactly bps of what each account had bonded in the infraction epoch, from no one else. */
    @Property(tries = 200)
    void slashingHitsExactlyTheStakeBondedAtTheInfraction(@ForAll long seed) {
        Random random = new Random(seed);
        StakingParameters parameters = StakingFixtures.parameters().with("issuance_per_epoch", "0")
                .with("slash_double_sign_bps", String.valueOf(random.nextInt(10_001)));
        StakingState state = StakingFixtures.genesis(parameters, VALIDATORS);
        PublicKey target = identity(random.nextInt(VALIDATORS));
        int accounts = 0;
        for (int epoch = 0; epoch < 6; epoch++) {
            for (int i = random.nextInt(4); i > 0; i--) {
                PublicKey address = stake(accounts++);
                state = StakingFixtures.applied(StakingOperations.createStake(state, address, staker(0),
                        1 + random.nextInt(Integer.MAX_VALUE) * 100L));
                state = StakingFixtures.applied(StakingOperations.delegate(state, address, staker(0),
                        random.nextBoolean() ? target : identity(random.nextInt(VALIDATORS))));
            }
            for (StakeAccount account : state.stakeAccounts().values()) {
                if (account.authority().equals(staker(0)) && !account.isDeactivated() && random.nextInt(4) == 0) {
                    state = StakingFixtures.applied(StakingOperations.deactivate(state, account.address(), staker(0)));
                }
            }
            state = StakingFixtures.nextEpoch(state, 0);
        }
        long infractionEpoch = state.epoch() - random.nextInt((int) parameters.unbondingEpochs() + 1);
        long height = infractionEpoch * parameters.epochBlocks() + random.nextInt((int) parameters.epochBlocks());
        EpochSnapshot snapshot = state.snapshots().get(infractionEpoch);
        StakingResult result = Slashing.slashDoubleSign(state, target, height, Hash.sha256(new byte[]{1}));
        if (!snapshot.members().containsKey(target)) {
            assertThat(((StakingResult.Refused) result).error()).isEqualTo(StakingError.NOT_IN_SET_AT_HEIGHT);
            return;
        }
        StakingState slashed = StakingFixtures.applied(result);
        long expectedTotal = 0;
        for (StakeAccount before : state.stakeAccounts().values()) {
            EpochSnapshot.Bond bond = snapshot.bonds().get(before.address());
            long expected = bond != null && bond.validator().equals(target)
                    ? Math.min(before.amount(), bond.amount() * parameters.slashDoubleSignBps() / 10_000) : 0;
            assertThat(before.amount() - slashed.stakeAccounts().get(before.address()).amount()).isEqualTo(expected);
            expectedTotal += expected;
        }
        assertThat(slashed.slashingEvents()).last().extracting(SlashingEvent::amount).isEqualTo(expectedTotal);
        assertThat(slashed.supply().slashed()).isEqualTo(expectedTotal);
    }

    /** Thousands of random operations: the supply invariant holds after each, refusals change nothing, replay is identical. */
    @Property(tries = 40)
    void supplyInvariantHoldsOverRandomOperations(@ForAll long seed) {
        StakingState first = randomRun(seed);
        StakingState second = randomRun(seed);
        assertThat(second).isEqualTo(first);
        assertThat(second.validatorSet().map(set -> set.hash())).isEqualTo(first.validatorSet().map(set -> set.hash()));
    }

    private static final String[] OPERATIONS = {"create", "create", "delegate", "delegate", "deactivate",
            "withdraw", "commission", "rotate/unjail", "signatures", "double-sign", "epoch"};
    /** Cumulative percentages per operation kind; double-signing is rare so validators survive long enough. */
    private static final int[] WEIGHTS = {10, 20, 32, 44, 54, 64, 68, 73, 88, 90, 100};

    /** The n of a {@code StakingFixtures.stake(n)} address (its last byte; n < 256 here). */
    private static int addressIndex(PublicKey address) {
        return address.bytes()[31] & 0xff;
    }

    private static int pick(int percent) {
        int kind = 0;
        while (percent >= WEIGHTS[kind]) {
            kind++;
        }
        return kind;
    }

    private static StakingState randomRun(long seed) {
        Random random = new Random(seed);
        StakingParameters parameters = StakingFixtures.parameters().with("downtime_window", "5")
                .with("jail_blocks", "3").with("max_commission_change_bps_per_epoch", "500");
        StakingState state = StakingFixtures.genesis(parameters, VALIDATORS);
        long height = 0;
        for (int step = 0; step < 300; step++) {
            StakingState before = state.draft().freeze();
            StakingResult result;
            // Mostly an existing account (by its index in address order), sometimes any address.
            int stakeIndex = random.nextInt(30);
            List<PublicKey> existing = new ArrayList<>(state.stakeAccounts().keySet());
            existing.removeIf(address -> !address.equals(stake(addressIndex(address))));
            if (!existing.isEmpty() && random.nextInt(4) > 0) {
                stakeIndex = addressIndex(existing.get(random.nextInt(existing.size())));
            }
            PublicKey someStake = stake(stakeIndex);
            // Mostly the right authority, sometimes a wrong one; mostly a known validator.
            PublicKey someStaker = staker(random.nextInt(6) == 0 ? random.nextInt(3) : stakeIndex % 3);
            PublicKey someValidator = identity(random.nextInt(VALIDATORS + 1));
            int kind = pick(random.nextInt(100));
            switch (kind) {
                case 0, 1 -> result = StakingOperations.createStake(state, someStake, someStaker,
                        random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(Integer.MAX_VALUE) * 50L);
                case 2, 3 -> result = StakingOperations.delegate(state, someStake, someStaker, someValidator);
                case 4 -> result = StakingOperations.deactivate(state, someStake, someStaker);
                case 5 -> result = StakingOperations.withdraw(state, someStake, someStaker);
                case 6 -> result = StakingOperations.setCommission(state, someValidator, random.nextInt(2_000));
                case 7 -> result = random.nextBoolean()
                        ? StakingOperations.rotateConsensusKey(state, someValidator, consensusKey(100 + step))
                        : StakingOperations.unjail(state, someValidator, height);
                case 8 -> {
                    Set<PublicKey> signers = new TreeSet<>();
                    for (EpochSnapshot.Member member : state.currentSnapshot().members().values()) {
                        if (random.nextInt(3) > 0) {
                            signers.add(member.consensusKey());
                        }
                    }
                    result = Slashing.recordBlockSignatures(state, ++height, signers);
                }
                case 9 -> result = Slashing.slashDoubleSign(state, someValidator,
                        Math.max(0, height - random.nextInt(60)), Hash.sha256(new byte[]{(byte) random.nextInt(8)}));
                default -> {
                    long fees = random.nextInt(1_000_000);
                    Map<PublicKey, Long> signed = new TreeMap<>();
                    for (PublicKey member : state.currentSnapshot().members().keySet()) {
                        signed.put(member, (long) random.nextInt((int) parameters.epochBlocks() + 1));
                    }
                    EpochOutcome outcome = EpochTransition.apply(state, state.epoch() + 1, fees, signed);
                    result = new StakingResult.Applied(outcome.state(), outcome.events());
                    height = Math.max(height, state.epoch() * parameters.epochBlocks());
                }
            }
            assertThat(state).isEqualTo(before);
            if (result instanceof StakingResult.Refused refused) {
                Statistics.label("refusals").collect(refused.error());
            } else {
                Statistics.label("applied").collect(OPERATIONS[kind]);
            }
            state = result.stateOr(state);
            state.checkInvariants();
            for (StakeAccount account : state.stakeAccounts().values()) {
                assertThat(account.activeAmount()).isBetween(0L, account.amount());
            }
        }
        List<SlashingEvent> events = new ArrayList<>(state.slashingEvents());
        assertThat(events.stream().mapToLong(SlashingEvent::amount).sum()).isEqualTo(state.supply().slashed());
        return state;
    }
}
