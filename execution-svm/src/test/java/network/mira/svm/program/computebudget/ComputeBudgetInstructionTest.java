package network.mira.svm.program.computebudget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import network.mira.svm.program.InstructionDecodeException;

class ComputeBudgetInstructionTest {
    private static final HexFormat HEX = HexFormat.of();

    @Example
    void idMatchesSolana() {
        assertThat(ComputeBudgetProgram.ID.toHex())
                .isEqualTo("0306466fe5211732ffecadba72c39be7bc8ce5bbc5f7126b2c439b3a40000000");
    }

    @Example
    void encodesLikeSolanaBorsh() throws InstructionDecodeException {
        assertThat(HEX.formatHex(new ComputeBudgetInstruction.RequestHeapFrame(262_144).encode()))
                .isEqualTo("0100000400");
        assertThat(HEX.formatHex(new ComputeBudgetInstruction.SetComputeUnitLimit(300).encode()))
                .isEqualTo("022c010000");
        assertThat(HEX.formatHex(new ComputeBudgetInstruction.SetComputeUnitPrice(12_345).encode()))
                .isEqualTo("033930000000000000");
        assertThat(HEX.formatHex(new ComputeBudgetInstruction.SetLoadedAccountsDataSizeLimit(65_536).encode()))
                .isEqualTo("0400000100");
        assertThat(ComputeBudgetInstruction.decode(HEX.parseHex("02ffffffff")))
                .isEqualTo(new ComputeBudgetInstruction.SetComputeUnitLimit(4_294_967_295L));
    }

    @Example
    void buildersTakeNoAccounts() {
        assertThat(ComputeBudgetProgram.setComputeUnitLimit(300).accounts()).isEmpty();
        assertThat(ComputeBudgetProgram.setComputeUnitLimit(300).programId()).isEqualTo(ComputeBudgetProgram.ID);
        assertThat(ComputeBudgetProgram.setComputeUnitPrice(1).data()).isEqualTo(HEX.parseHex("030100000000000000"));
        assertThat(ComputeBudgetProgram.requestHeapFrame(1).data()).isEqualTo(HEX.parseHex("0101000000"));
        assertThat(ComputeBudgetProgram.setLoadedAccountsDataSizeLimit(1).data()).isEqualTo(HEX.parseHex("0401000000"));
    }

    @Example
    void refusals() {
        assertThatThrownBy(() -> ComputeBudgetInstruction.decode(new byte[0]))
                .isInstanceOf(InstructionDecodeException.class).hasMessage("compute budget instruction data is empty");
        assertThatThrownBy(() -> ComputeBudgetInstruction.decode(HEX.parseHex("0000000000")))
                .hasMessage("compute budget instruction 0 (Unused, formerly RequestUnitsDeprecated) is not supported");
        assertThatThrownBy(() -> ComputeBudgetInstruction.decode(HEX.parseHex("05")))
                .hasMessage("unknown compute budget instruction 5");
        assertThatThrownBy(() -> ComputeBudgetInstruction.decode(HEX.parseHex("022c01000000")))
                .hasMessage("compute budget instruction 2 (SetComputeUnitLimit) must be 5 bytes, got 6 (trailing bytes)");
        assertThatThrownBy(() -> ComputeBudgetInstruction.decode(HEX.parseHex("0339300000")))
                .hasMessage("compute budget instruction 3 (SetComputeUnitPrice) must be 9 bytes, got 5 (truncated)");
        assertThatThrownBy(() -> new ComputeBudgetInstruction.SetComputeUnitLimit(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ComputeBudgetInstruction.RequestHeapFrame(1L << 32))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void roundTrips(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long u32, @ForAll long u64)
            throws InstructionDecodeException {
        for (ComputeBudgetInstruction instruction : new ComputeBudgetInstruction[] {
            new ComputeBudgetInstruction.RequestHeapFrame(u32), new ComputeBudgetInstruction.SetComputeUnitLimit(u32),
            new ComputeBudgetInstruction.SetComputeUnitPrice(u64),
            new ComputeBudgetInstruction.SetLoadedAccountsDataSizeLimit(u32)}) {
            assertThat(ComputeBudgetInstruction.decode(instruction.encode())).isEqualTo(instruction);
        }
    }

    @Property
    void decodingIsExactOrRefused(@ForAll @Size(max = 12) byte[] data) {
        try {
            assertThat(ComputeBudgetInstruction.decode(data).encode()).isEqualTo(data);
        } catch (InstructionDecodeException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
