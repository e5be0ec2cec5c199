package network.mira.settlement.staking;

import static network.mira.settlement.staking.StakingFixtures.consensusKey;
import static network.mira.settlement.staking.StakingFixtures.identity;
import static network.mira.settlement.staking.StakingFixtures.stake;
import static network.mira.settlement.staking.StakingFixtures.staker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

class StakingStateCodecTest {
    private static final int VALIDATORS = 4;
    private static final java.util.List<SlashingEvent.Reason> VERIFICATION_REASONS = java.util.List.of(
            SlashingEvent.Reason.VERIFICATION_NO_REVEAL, SlashingEvent.Reason.VERIFICATION_EQUIVOCATION,
            SlashingEvent.Reason.VERIFICATION_GUESSING);

    /** Every state of a random run of operations (slashes, windows, rotations, epochs) round-trips, and encoding is stable. */
    @Property(tries = 30)
    void decodeOfEncodeIsTheStateAndEncodingIsStable(@ForAll long seed) throws DecodeException {
        Random random = new Random(seed);
        StakingParameters parameters = StakingFixtures.parameters().with("downtime_window", "7")
                .with("jail_blocks", "3").with("max_commission_change_bps_per_epoch", "500");
        StakingState state = StakingFixtures.genesis(parameters, VALIDATORS);
        long height = 0;
        for (int step = 0; step < 150; step++) {
            state = randomStep(random, state, step, ++height);
            height = Math.max(height, state.epoch() * parameters.epochBlocks());
            byte[] encoded = StakingStateCodec.encode(state);
            StakingState decoded = StakingStateCodec.decode(encoded);
            assertThat(decoded).isEqualTo(state);
            assertThat(StakingStateCodec.encode(decoded)).isEqualTo(encoded);
        }
    }

    /** The verification reasons append to the enum: earlier ordinals, which the codec writes, do not move. */
    @Example
    void everyReasonRoundTripsAndTheEarlierOrdinalsStay() throws DecodeException {
        assertThat(SlashingEvent.Reason.DOUBLE_SIGN.ordinal()).isZero();
        assertThat(SlashingEvent.Reason.DOWNTIME.ordinal()).isEqualTo(1);
        StakingState state = StakingFixtures.genesis(StakingFixtures.parameters(), VALIDATORS);
        for (int i = 0; i < VERIFICATION_REASONS.size(); i++) {
            state = StakingFixtures.applied(Slashing.slashVerification(state, identity(i), VERIFICATION_REASONS.get(i),
                    10 + i, Hash.sha256(new byte[] {(byte) i}), 100));
        }
        StakingState decoded = StakingStateCodec.decode(StakingStateCodec.encode(state));

        assertThat(decoded).isEqualTo(state);
        assertThat(decoded.slashingEvents()).extracting(SlashingEvent::reason)
                .containsExactlyElementsOf(VERIFICATION_REASONS);
    }

    private static StakingState randomStep(Random random, StakingState state, int step, long height) {
        PublicKey someStake = stake(random.nextInt(20));
        PublicKey someStaker = staker(random.nextInt(2));
        PublicKey someValidator = identity(random.nextInt(VALIDATORS + 1));
        StakingResult result = switch (random.nextInt(9)) {
            case 0 -> StakingOperations.createStake(state, someStake, someStaker, 1 + random.nextInt(1_000_000_000));
            case 1 -> StakingOperations.delegate(state, someStake, someStaker, someValidator);
            case 2 -> StakingOperations.deactivate(state, someStake, someStaker);
            case 3 -> StakingOperations.withdraw(state, someStake, someStaker);
            case 4 -> StakingOperations.setCommission(state, someValidator, random.nextInt(2_000));
            case 5 -> random.nextBoolean()
                    ? StakingOperations.rotateConsensusKey(state, someValidator, consensusKey(100 + step))
                    : StakingOperations.unjail(state, someValidator, height);
            case 6 -> {
                Set<PublicKey> signers = new TreeSet<>();
                for (EpochSnapshot.Member member : state.currentSnapshot().members().values()) {
                    if (random.nextInt(3) > 0) {
                        signers.add(member.consensusKey());
                    }
                }
                yield Slashing.recordBlockSignatures(state, Math.max(height, state.lastHeight() + 1), signers);
            }
            case 7 -> switch (random.nextInt(5)) {
                case 0 -> Slashing.slashDoubleSign(state, someValidator, Math.max(0, height - random.nextInt(30)),
                        Hash.sha256(new byte[] {(byte) random.nextInt(8)}));
                case 1 -> Slashing.slashVerification(state, someValidator, VERIFICATION_REASONS.get(
                        random.nextInt(VERIFICATION_REASONS.size())), height,
                        Hash.sha256(new byte[] {(byte) random.nextInt(8), 1}), random.nextInt(1_001));
                default -> StakingOperations.deactivate(state, someStake, someStaker);
            };
            default -> {
                Map<PublicKey, Long> signed = new TreeMap<>();
                for (PublicKey member : state.currentSnapshot().members().keySet()) {
                    signed.put(member, (long) random.nextInt((int) state.parameters().epochBlocks() + 1));
                }
                EpochOutcome outcome = EpochTransition.apply(state, state.epoch() + 1, random.nextInt(1_000), signed);
                yield new StakingResult.Applied(outcome.state(), outcome.events());
            }
        };
        return result.stateOr(state);
    }

    @Example
    void refusesAnUnknownVersion() {
        byte[] encoded = StakingStateCodec.encode(StakingFixtures.genesis(StakingFixtures.parameters(), 2));
        encoded[0] = 2;
        assertThatThrownBy(() -> StakingStateCodec.decode(encoded)).isInstanceOf(DecodeException.class)
                .hasMessage("staking state version 2 is not supported (expected 1)");
    }

    @Example
    void refusesTrailingAndMissingBytes() {
        byte[] encoded = StakingStateCodec.encode(StakingFixtures.genesis(StakingFixtures.parameters(), 2));
        assertThatThrownBy(() -> StakingStateCodec.decode(Arrays.copyOf(encoded, encoded.length + 1)))
                .isInstanceOf(DecodeException.class).hasMessage("staking state: 1 trailing bytes");
        assertThatThrownBy(() -> StakingStateCodec.decode(Arrays.copyOf(encoded, encoded.length - 1)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("supply unstaked: truncated");
    }

    @Example
    void refusesACountTheBytesCannotHold() {
        byte[] encoded = StakingStateCodec.encode(StakingFixtures.genesis(StakingFixtures.parameters(), 2));
        int validatorCount = 1 + 12 * 8 + 8 + 8;
        encoded[validatorCount + 3] = (byte) 0x7f;
        assertThatThrownBy(() -> StakingStateCodec.decode(encoded)).isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("validators: count 2130706434 cannot fit in the");
    }

    @Example
    void refusesKeysOutOfOrderAndBrokenInvariants() {
        StakingState state = StakingFixtures.genesis(StakingFixtures.parameters(), 2);
        byte[] encoded = StakingStateCodec.encode(state);
        int firstValidator = 1 + 12 * 8 + 8 + 8 + 4;
        int validatorBytes = 32 + 32 + 1 + 8 + 8 + 8 + 32 + 1 + 8;
        byte[] swapped = encoded.clone();
        System.arraycopy(encoded, firstValidator, swapped, firstValidator + validatorBytes, validatorBytes);
        System.arraycopy(encoded, firstValidator + validatorBytes, swapped, firstValidator, validatorBytes);
        assertThatThrownBy(() -> StakingStateCodec.decode(swapped)).isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("validators entry 1 (");
        byte[] inflated = encoded.clone();
        inflated[inflated.length - 8] ^= 1;
        assertThatThrownBy(() -> StakingStateCodec.decode(inflated)).isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("staking state is inconsistent: supply");
    }
}
