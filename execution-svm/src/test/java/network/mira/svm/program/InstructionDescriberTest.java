package network.mira.svm.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.program.computebudget.ComputeBudgetInstruction;
import network.mira.svm.program.computebudget.ComputeBudgetProgram;
import network.mira.svm.program.system.SystemInstruction;
import network.mira.svm.program.system.SystemProgram;
import org.junit.jupiter.api.Test;

class InstructionDescriberTest {
    private static final PublicKey OWNER = PublicKey.wrap(filled(0xAB));

    @Test
    void systemInstructions() {
        assertThat(describeSystem(new SystemInstruction.Transfer(42).encode()))
                .containsExactly(entry("program", "system"), entry("type", "transfer"), entry("lamports", 42L));
        assertThat(describeSystem(new SystemInstruction.CreateAccount(5, 165, OWNER).encode())).containsExactly(
                entry("program", "system"), entry("type", "create_account"), entry("lamports", 5L),
                entry("space", 165L), entry("owner", OWNER.toBase58()));
        assertThat(describeSystem(new SystemInstruction.Assign(OWNER).encode())).containsExactly(
                entry("program", "system"), entry("type", "assign"), entry("owner", OWNER.toBase58()));
        assertThat(describeSystem(new SystemInstruction.Allocate(64).encode())).containsExactly(
                entry("program", "system"), entry("type", "allocate"), entry("space", 64L));
    }

    @Test
    void hugeU64ShowsAsTheUnsignedNumber() {
        assertThat(describeSystem(new SystemInstruction.Transfer(-1).encode()).get("lamports"))
                .isEqualTo(new BigInteger("18446744073709551615"));
    }

    @Test
    void computeBudgetInstructions() {
        assertThat(describeBudget(new ComputeBudgetInstruction.SetComputeUnitLimit(300).encode())).containsExactly(
                entry("program", "compute_budget"), entry("type", "set_compute_unit_limit"), entry("units", 300L));
        assertThat(describeBudget(new ComputeBudgetInstruction.SetComputeUnitPrice(12_345).encode())).containsExactly(
                entry("program", "compute_budget"), entry("type", "set_compute_unit_price"),
                entry("micro_lamports", 12_345L));
        assertThat(describeBudget(new ComputeBudgetInstruction.RequestHeapFrame(65_536).encode())).containsExactly(
                entry("program", "compute_budget"), entry("type", "request_heap_frame"), entry("bytes", 65_536L));
        assertThat(describeBudget(new ComputeBudgetInstruction.SetLoadedAccountsDataSizeLimit(1024).encode()))
                .containsExactly(entry("program", "compute_budget"), entry("type", "set_loaded_accounts_data_size_limit"),
                        entry("bytes", 1024L));
    }

    @Test
    void invalidDataIsDescribedNotThrown() {
        assertThat(describeSystem(HexFormat.of().parseHex("03000000"))).containsExactly(entry("program", "system"),
                entry("type", "invalid"), entry("error", "system instruction 3 (CreateAccountWithSeed) is not supported"));
        assertThat(describeBudget(new byte[0])).containsExactly(entry("program", "compute_budget"),
                entry("type", "invalid"), entry("error", "compute budget instruction data is empty"));
    }

    @Test
    void unknownProgramsShowTheirRawData() {
        PublicKey program = PublicKey.wrap(filled(7));
        assertThat(InstructionDescriber.describe(program, new byte[] {1, 2, 3})).containsExactly(
                entry("program", "unknown"), entry("type", "unknown"), entry("program_id", program.toBase58()),
                entry("data_base64", "AQID"));
    }

    private static LinkedHashMap<String, Object> describeSystem(byte[] data) {
        return InstructionDescriber.describe(SystemProgram.ID, data);
    }

    private static LinkedHashMap<String, Object> describeBudget(byte[] data) {
        return InstructionDescriber.describe(ComputeBudgetProgram.ID, data);
    }

    private static java.util.Map.Entry<String, Object> entry(String key, Object value) {
        return java.util.Map.entry(key, value);
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
