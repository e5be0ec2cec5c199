package network.mira.core.tx;

import network.mira.core.testing.Web3jsFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class MessageCompilerTest {
    private static final PublicKey SYSTEM = PublicKey.fromBase58("11111111111111111111111111111111");
    private static final PublicKey COMPUTE_BUDGET = PublicKey.fromBase58("ComputeBudget111111111111111111111111111111");
    private static final Hash BLOCKHASH = Hash.sha256(new byte[] {1});

    private static PublicKey key(int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return PublicKey.wrap(bytes);
    }

    private static Instruction instruction(PublicKey program, AccountMeta... accounts) {
        return new Instruction(program, List.of(accounts), new byte[] {1});
    }

    @Test
    void feePayerFirstThenTheFourGroups() {
        PublicKey payer = key(1);
        PublicKey program = key(2);
        PublicKey readonlySigner = key(3);
        PublicKey writableSigner = key(4);
        PublicKey readonly = key(5);
        PublicKey writable = key(6);
        Message message = MessageCompiler.compileLegacy(payer, List.of(instruction(program,
                AccountMeta.readonly(readonly, false), AccountMeta.writable(writable, false),
                AccountMeta.readonly(readonlySigner, true), AccountMeta.writable(writableSigner, true))), BLOCKHASH);

        assertThat(message.accountKeys()).containsExactly(payer, writableSigner, readonlySigner, writable,
                program, readonly);
        assertThat(message.header()).isEqualTo(new MessageHeader(3, 1, 2));
        CompiledInstruction compiled = message.instructions().get(0);
        assertThat(message.programId(compiled)).isEqualTo(program);
        assertThat(compiled.accountIndexes()).containsExactly(5, 3, 2, 1);
    }

    @Test
    void duplicatesMergeByUnionOfRoles() {
        PublicKey payer = key(1);
        PublicKey program = key(2);
        PublicKey shared = key(3);
        Message message = MessageCompiler.compileLegacy(payer, List.of(
                instruction(program, AccountMeta.readonly(shared, true)),
                instruction(program, AccountMeta.writable(shared, false), AccountMeta.readonly(payer, false))),
                BLOCKHASH);
        assertThat(message.accountKeys()).containsExactly(payer, shared, program);
        assertThat(message.isSigner(1)).isTrue();
        assertThat(message.isWritable(1)).isTrue();
        assertThat(message.isWritable(0)).isTrue();
        assertThat(message.header()).isEqualTo(new MessageHeader(2, 0, 1));
    }

    @Test
    void programUsedAsWritableAccountStaysWritable() {
        PublicKey payer = key(1);
        PublicKey program = key(2);
        Message message = MessageCompiler.compileLegacy(payer,
                List.of(instruction(program, AccountMeta.writable(program, false))), BLOCKHASH);
        assertThat(message.accountKeys()).containsExactly(payer, program);
        assertThat(message.isWritable(1)).isTrue();
    }

    @Test
    void withinAGroupKeysFollowWeb3jsBase58Collation() {
        // digits first, then letters case-insensitively, lowercase before uppercase only on a tie
        List<String> sorted = new ArrayList<>(List.of("b", "B", "a", "C", "1", "9", "Ab", "aB", "ab"));
        sorted.sort(AccountKeyOrder::compareBase58);
        assertThat(sorted).containsExactly("1", "9", "a", "ab", "aB", "Ab", "b", "B", "C");
    }

    @Test
    void v0UsesTheSameLayout() {
        List<Instruction> instructions = List.of(instruction(key(2), AccountMeta.writable(key(3), false)));
        Message legacy = MessageCompiler.compileLegacy(key(1), instructions, BLOCKHASH);
        Message v0 = MessageCompiler.compileV0(key(1), instructions, BLOCKHASH);
        assertThat(v0.version()).isEqualTo(MessageVersion.V0);
        assertThat(v0.accountKeys()).isEqualTo(legacy.accountKeys());
        assertThat(v0.header()).isEqualTo(legacy.header());
        assertThat(v0.instructions()).isEqualTo(legacy.instructions());
    }

    /** The same instructions web3.js compiled must give the same signed bytes. */
    @Test
    void matchesWeb3jsForTwoTransfersWithASeparateFeePayer() throws WireFormatException {
        Web3jsFixtures.Fixture fixture = Web3jsFixtures.transaction("fee_payer_and_two_transfers");
        PublicKey alice = Web3jsFixtures.key("alice");
        PublicKey bob = Web3jsFixtures.key("bob");
        PublicKey carol = Web3jsFixtures.key("carol");
        Hash blockhash = Message.deserialize(fixture.message()).recentBlockhash();
        Message compiled = MessageCompiler.compileLegacy(carol, List.of(
                transfer(alice, bob, "020000000700000000000000"),
                transfer(bob, alice, "020000000500000000000000")), blockhash);
        assertThat(compiled.serialize()).isEqualTo(fixture.message());
    }

    @Test
    void matchesWeb3jsForComputeBudgetAndTransfer() throws WireFormatException {
        Web3jsFixtures.Fixture fixture = Web3jsFixtures.transaction("transfer_with_compute_budget");
        PublicKey alice = Web3jsFixtures.key("alice");
        Hash blockhash = Message.deserialize(fixture.message()).recentBlockhash();
        Message compiled = MessageCompiler.compileLegacy(alice, List.of(
                new Instruction(COMPUTE_BUDGET, List.of(), HexFormat.of().parseHex("022c010000")),
                new Instruction(COMPUTE_BUDGET, List.of(), HexFormat.of().parseHex("033930000000000000")),
                transfer(alice, Web3jsFixtures.key("carol"), "020000002a00000000000000")), blockhash);
        assertThat(compiled.serialize()).isEqualTo(fixture.message());
    }

    private static Instruction transfer(PublicKey from, PublicKey to, String dataHex) {
        return new Instruction(SYSTEM, List.of(AccountMeta.writable(from, true), AccountMeta.writable(to, false)),
                HexFormat.of().parseHex(dataHex));
    }
}
