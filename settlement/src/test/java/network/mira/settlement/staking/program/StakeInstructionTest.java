package network.mira.settlement.staking.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.staking.StakingParameters;
import network.mira.svm.program.InstructionDecodeException;

class StakeInstructionTest {
    private static final PublicKey KEY = PublicKey.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    private final StakeProgramRuntime program = new StakeProgramRuntime(StakingParameters.defaults());

    @Property
    void everyInstructionRoundTrips(@ForAll @IntRange(min = 0, max = 0xFFFF) int bps,
                                    @ForAll @LongRange(min = 0) long lamports,
                                    @ForAll @Size(32) List<Byte> keyBytes) throws InstructionDecodeException {
        byte[] raw = new byte[32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = keyBytes.get(i);
        }
        PublicKey key = PublicKey.wrap(raw);
        List<StakeInstruction> all = List.of(new StakeInstruction.RegisterValidator(key, bps, lamports),
                new StakeInstruction.CreateStake(lamports), new StakeInstruction.Delegate(key),
                new StakeInstruction.Deactivate(), new StakeInstruction.Withdraw(key),
                new StakeInstruction.SetCommission(bps), new StakeInstruction.RotateConsensusKey(key),
                new StakeInstruction.Unjail());
        for (StakeInstruction instruction : all) {
            byte[] encoded = instruction.encode();
            assertThat(StakeInstruction.decode(encoded)).isEqualTo(instruction);
            program.validate(encoded);
        }
    }

    @Example
    void encodingIsTheDocumentedLayout() {
        assertThat(HexFormat.of().formatHex(new StakeInstruction.CreateStake(1_000).encode()))
                .isEqualTo("01000000e803000000000000");
        assertThat(HexFormat.of().formatHex(new StakeInstruction.SetCommission(500).encode())).isEqualTo("05000000f401");
        assertThat(new StakeInstruction.RegisterValidator(KEY, 1, 2).encode()).hasSize(46);
        assertThat(new StakeInstruction.Unjail().encode()).containsExactly(7, 0, 0, 0);
    }

    @Example
    void refusesWrongLengthsAndUnknownDiscriminants() {
        byte[] delegate = new StakeInstruction.Delegate(KEY).encode();
        assertThatThrownBy(() -> program.validate(Arrays.copyOf(delegate, 35)))
                .isInstanceOf(InstructionDecodeException.class)
                .hasMessage("stake instruction 2 (Delegate) must be 36 bytes, got 35 (truncated)");
        assertThatThrownBy(() -> program.validate(Arrays.copyOf(delegate, 37)))
                .hasMessage("stake instruction 2 (Delegate) must be 36 bytes, got 37 (trailing bytes)");
        assertThatThrownBy(() -> program.validate(new byte[] {8, 0, 0, 0}))
                .hasMessage("unknown stake instruction 8");
        assertThatThrownBy(() -> program.validate(new byte[] {-1, -1, -1, -1}))
                .hasMessage("unknown stake instruction 4294967295");
        assertThatThrownBy(() -> program.validate(new byte[] {3, 0}))
                .hasMessage("stake instruction data is 2 bytes, too short for the 4-byte discriminant");
    }

    @Example
    void refusesLamportsNoAccountCanHold() {
        byte[] create = new StakeInstruction.CreateStake(-1).encode();
        assertThatThrownBy(() -> program.validate(create))
                .hasMessage("stake instruction: lamports 18446744073709551615 exceeds 2^63 - 1");
    }

    @Example
    void programIdAndStateAccountAreFixed() {
        assertThat(StakeProgram.ID.toBase58()).isEqualTo("Stake11111111111111111111111111111111111111");
        assertThat(program.computeUnitsPerInstruction()).hasValue(3_000);
        assertThat(StakeProgram.STATE_ACCOUNT.toBase58()).isEqualTo("CyD8vFddrPk6SUzP6M4JrNFWc232H8Xp5V81Z9P2NFn4");
    }
}
