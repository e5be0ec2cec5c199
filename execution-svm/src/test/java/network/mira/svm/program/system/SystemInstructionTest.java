package network.mira.svm.program.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.AccountMeta;
import network.mira.core.tx.Instruction;
import network.mira.svm.program.InstructionDecodeException;

class SystemInstructionTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final PublicKey OWNER = PublicKey.wrap(filled(0xAB));
    private static final PublicKey FROM = PublicKey.wrap(filled(1));
    private static final PublicKey TO = PublicKey.wrap(filled(2));

    @Example
    void idIsAllZeroBytes() {
        assertThat(SystemProgram.ID.bytes()).isEqualTo(new byte[32]);
        assertThat(SystemProgram.ID.toBase58()).isEqualTo("11111111111111111111111111111111");
    }

    @Example
    void encodesLikeSolanaBincode() {
        assertThat(HEX.formatHex(new SystemInstruction.Transfer(1_000_000).encode()))
                .isEqualTo("0200000040420f0000000000");
        assertThat(HEX.formatHex(new SystemInstruction.Allocate(64).encode())).isEqualTo("080000004000000000000000");
        assertThat(HEX.formatHex(new SystemInstruction.Assign(OWNER).encode())).isEqualTo("01000000" + OWNER.toHex());
        assertThat(HEX.formatHex(new SystemInstruction.CreateAccount(2_039_280, 165, OWNER).encode()))
                .isEqualTo("00000000" + "f01d1f0000000000" + "a500000000000000" + OWNER.toHex());
    }

    @Example
    void u64KeepsItsBits() throws InstructionDecodeException {
        byte[] max = HEX.parseHex("02000000ffffffffffffffff");
        SystemInstruction.Transfer transfer = (SystemInstruction.Transfer) SystemInstruction.decode(max);
        assertThat(Long.toUnsignedString(transfer.lamports())).isEqualTo("18446744073709551615");
        assertThat(transfer.encode()).isEqualTo(max);
    }

    @Example
    void buildersUseSolanasAccountRoles() {
        assertThat(SystemProgram.transfer(FROM, TO, 5)).isEqualTo(new Instruction(SystemProgram.ID,
                java.util.List.of(AccountMeta.writable(FROM, true), AccountMeta.writable(TO, false)),
                new SystemInstruction.Transfer(5).encode()));
        assertThat(SystemProgram.createAccount(FROM, TO, 1, 2, OWNER).accounts())
                .containsExactly(AccountMeta.writable(FROM, true), AccountMeta.writable(TO, true));
        assertThat(SystemProgram.assign(FROM, OWNER).accounts()).containsExactly(AccountMeta.writable(FROM, true));
        assertThat(SystemProgram.allocate(FROM, 9).accounts()).containsExactly(AccountMeta.writable(FROM, true));
        assertThat(SystemProgram.allocate(FROM, 9).programId()).isEqualTo(SystemProgram.ID);
    }

    @Example
    void unsupportedSolanaInstructionsAreNamed() {
        String[] names = {"CreateAccountWithSeed", "AdvanceNonceAccount", "WithdrawNonceAccount",
            "InitializeNonceAccount", "AuthorizeNonceAccount", null, "AllocateWithSeed", "AssignWithSeed",
            "TransferWithSeed", "UpgradeNonceAccount"};
        for (int discriminant = 3; discriminant <= 12; discriminant++) {
            String name = names[discriminant - 3];
            if (name == null) {
                continue; // 8 is Allocate
            }
            byte[] data = new byte[64];
            data[0] = (byte) discriminant;
            assertThatThrownBy(() -> SystemInstruction.decode(data)).isInstanceOf(InstructionDecodeException.class)
                    .hasMessage("system instruction " + discriminant + " (" + name + ") is not supported");
        }
    }

    @Example
    void unknownDiscriminants() {
        assertThatThrownBy(() -> SystemInstruction.decode(HEX.parseHex("0d000000")))
                .hasMessage("unknown system instruction 13");
        assertThatThrownBy(() -> SystemInstruction.decode(HEX.parseHex("ffffffff")))
                .hasMessage("unknown system instruction 4294967295");
    }

    @Example
    void exactLengthIsRequired() {
        assertThatThrownBy(() -> SystemInstruction.decode(HEX.parseHex("0200000040420f000000000000")))
                .isInstanceOf(InstructionDecodeException.class)
                .hasMessage("system instruction 2 (Transfer) must be 12 bytes, got 13 (trailing bytes)");
        assertThatThrownBy(() -> SystemInstruction.decode(HEX.parseHex("0200000040420f")))
                .hasMessage("system instruction 2 (Transfer) must be 12 bytes, got 7 (truncated)");
        assertThatThrownBy(() -> SystemInstruction.decode(HEX.parseHex("00000000")))
                .hasMessage("system instruction 0 (CreateAccount) must be 52 bytes, got 4 (truncated)");
        assertThatThrownBy(() -> SystemInstruction.decode(HEX.parseHex("0100")))
                .hasMessage("system instruction data is 2 bytes, too short for the 4-byte discriminant");
    }

    @Property
    void roundTrips(@ForAll long lamports, @ForAll long space, @ForAll @Size(value = 32) byte[] owner)
            throws InstructionDecodeException {
        PublicKey key = PublicKey.wrap(owner);
        for (SystemInstruction instruction : new SystemInstruction[] {
            new SystemInstruction.CreateAccount(lamports, space, key), new SystemInstruction.Assign(key),
            new SystemInstruction.Transfer(lamports), new SystemInstruction.Allocate(space)}) {
            assertThat(SystemInstruction.decode(instruction.encode())).isEqualTo(instruction);
        }
    }

    /** Any bytes either decode to something that re-encodes to them, or fail with our exception. */
    @Property
    void decodingIsExactOrRefused(@ForAll @IntRange(min = 0, max = 14) int discriminant,
                                  @ForAll @Size(max = 60) byte[] body) {
        byte[] data = Arrays.copyOf(new byte[] {(byte) discriminant, 0, 0, 0}, 4 + body.length);
        System.arraycopy(body, 0, data, 4, body.length);
        try {
            assertThat(SystemInstruction.decode(data).encode()).isEqualTo(data);
        } catch (InstructionDecodeException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
