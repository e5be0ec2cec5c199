package network.mira.svm.program;

import network.mira.core.testing.Web3jsFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.CompiledInstruction;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.Message;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.MessageVersion;
import network.mira.core.tx.Transaction;
import network.mira.core.tx.WireFormatException;
import network.mira.svm.program.computebudget.ComputeBudgetInstruction;
import network.mira.svm.program.computebudget.ComputeBudgetProgram;
import network.mira.svm.program.system.SystemInstruction;
import network.mira.svm.program.system.SystemProgram;
import org.junit.jupiter.api.Test;

/**
 * Each @solana/web3.js fixture decodes to the instructions its note states, and our builders plus
 * the message compiler reproduce the exact bytes web3.js signed.
 */
class Web3jsInstructionFixtureTest {

    /** One decoded instruction with the accounts it names, for comparison with the note. */
    private record Decoded(Object instruction, List<PublicKey> accounts) {}

    @Test
    void transfer() throws Exception {
        // "alice -> bob 1,000,000 lamports, fee payer alice"
        assertThat(decode("transfer")).containsExactly(
                new Decoded(new SystemInstruction.Transfer(1_000_000), List.of(key("alice"), key("bob"))));
        assertCompilesIdentically("transfer", key("alice"),
                List.of(SystemProgram.transfer(key("alice"), key("bob"), 1_000_000)));
    }

    @Test
    void transferWithComputeBudget() throws Exception {
        // "CU limit 300, price 12345 micro-lamports, alice -> carol 42"
        assertThat(decode("transfer_with_compute_budget")).containsExactly(
                new Decoded(new ComputeBudgetInstruction.SetComputeUnitLimit(300), List.of()),
                new Decoded(new ComputeBudgetInstruction.SetComputeUnitPrice(12_345), List.of()),
                new Decoded(new SystemInstruction.Transfer(42), List.of(key("alice"), key("carol"))));
        assertCompilesIdentically("transfer_with_compute_budget", key("alice"), List.of(
                ComputeBudgetProgram.setComputeUnitLimit(300),
                ComputeBudgetProgram.setComputeUnitPrice(12_345),
                SystemProgram.transfer(key("alice"), key("carol"), 42)));
    }

    @Test
    void createAccount() throws Exception {
        // "alice funds new account 2,039,280 lamports, 165 bytes, owner = bob pubkey"
        assertThat(decode("create_account")).containsExactly(new Decoded(
                new SystemInstruction.CreateAccount(2_039_280, 165, key("bob")),
                List.of(key("alice"), key("newacct"))));
        assertCompilesIdentically("create_account", key("alice"),
                List.of(SystemProgram.createAccount(key("alice"), key("newacct"), 2_039_280, 165, key("bob"))));
    }

    @Test
    void feePayerAndTwoTransfers() throws Exception {
        // "fee payer carol; alice->bob 7; bob->alice 5; three signers"
        assertThat(decode("fee_payer_and_two_transfers")).containsExactly(
                new Decoded(new SystemInstruction.Transfer(7), List.of(key("alice"), key("bob"))),
                new Decoded(new SystemInstruction.Transfer(5), List.of(key("bob"), key("alice"))));
        assertThat(transaction("fee_payer_and_two_transfers").message().feePayer()).isEqualTo(key("carol"));
        assertThat(transaction("fee_payer_and_two_transfers").signatures()).hasSize(3);
        assertCompilesIdentically("fee_payer_and_two_transfers", key("carol"), List.of(
                SystemProgram.transfer(key("alice"), key("bob"), 7),
                SystemProgram.transfer(key("bob"), key("alice"), 5)));
    }

    @Test
    void allocateAssign() throws Exception {
        // "bob allocates 64 bytes then assigns owner carol" (alice pays the fee)
        assertThat(decode("allocate_assign")).containsExactly(
                new Decoded(new SystemInstruction.Allocate(64), List.of(key("bob"))),
                new Decoded(new SystemInstruction.Assign(key("carol")), List.of(key("bob"))));
        assertCompilesIdentically("allocate_assign", key("alice"), List.of(
                SystemProgram.allocate(key("bob"), 64),
                SystemProgram.assign(key("bob"), key("carol"))));
    }

    @Test
    void v0Transfer() throws Exception {
        // "versioned (v0) message, no lookup tables, alice -> bob 99"
        assertThat(transaction("v0_transfer").message().version()).isEqualTo(MessageVersion.V0);
        assertThat(decode("v0_transfer")).containsExactly(
                new Decoded(new SystemInstruction.Transfer(99), List.of(key("alice"), key("bob"))));
        assertCompilesIdentically("v0_transfer", key("alice"),
                List.of(SystemProgram.transfer(key("alice"), key("bob"), 99)));
    }

    @Test
    void describerReadsEveryFixtureInstruction() throws Exception {
        List<String> types = new ArrayList<>();
        for (Web3jsFixtures.Fixture fixture : Web3jsFixtures.transactions()) {
            Message message = Transaction.decode(fixture.transaction()).message();
            for (CompiledInstruction instruction : message.instructions()) {
                types.add((String) InstructionDescriber.describe(message.programId(instruction), instruction.data())
                        .get("type"));
            }
        }
        assertThat(types).containsExactly("transfer", "set_compute_unit_limit", "set_compute_unit_price", "transfer",
                "create_account", "transfer", "transfer", "allocate", "assign", "transfer");
    }

    private static PublicKey key(String name) {
        return Web3jsFixtures.key(name);
    }

    private static Transaction transaction(String name) throws WireFormatException {
        return Transaction.decode(Web3jsFixtures.transaction(name).transaction());
    }

    private static List<Decoded> decode(String name) throws WireFormatException, InstructionDecodeException {
        Transaction transaction = transaction(name);
        assertThat(transaction.allSignaturesValid()).isTrue();
        Message message = transaction.message();
        List<Decoded> decoded = new ArrayList<>();
        for (CompiledInstruction instruction : message.instructions()) {
            PublicKey program = message.programId(instruction);
            Object value;
            if (program.equals(SystemProgram.ID)) {
                value = SystemInstruction.decode(instruction.data());
            } else if (program.equals(ComputeBudgetProgram.ID)) {
                value = ComputeBudgetInstruction.decode(instruction.data());
            } else {
                throw new AssertionError("unexpected program " + program);
            }
            List<PublicKey> accounts = new ArrayList<>();
            for (int i = 0; i < instruction.accountCount(); i++) {
                accounts.add(message.accountKeys().get(instruction.accountIndex(i)));
            }
            decoded.add(new Decoded(value, accounts));
        }
        return decoded;
    }

    private static void assertCompilesIdentically(String name, PublicKey feePayer, List<Instruction> instructions)
            throws WireFormatException {
        Web3jsFixtures.Fixture fixture = Web3jsFixtures.transaction(name);
        Message original = Message.deserialize(fixture.message());
        Hash blockhash = original.recentBlockhash();
        Message compiled = original.version() == MessageVersion.V0
                ? MessageCompiler.compileV0(feePayer, instructions, blockhash)
                : MessageCompiler.compileLegacy(feePayer, instructions, blockhash);
        assertThat(compiled.serialize()).as(name).isEqualTo(fixture.message());
    }
}
