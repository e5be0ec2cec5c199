package network.mira.svm.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.testing.Web3jsFixtures;
import network.mira.core.tx.CompiledInstruction;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.Message;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.svm.program.InstructionDecodeException;
import network.mira.svm.program.computebudget.ComputeBudgetProgram;
import network.mira.svm.program.system.SystemProgram;
import org.junit.jupiter.api.Test;

class ComputeBudgetRequestTest {
    private static final ComputeParameters SOLANA = ComputeParameters.SOLANA_DEFAULTS;
    private static final Hash BLOCKHASH = Hash.sha256("compute-budget-test".getBytes(StandardCharsets.UTF_8));
    private static final PublicKey ALICE = KeyPair.fromSeed(Hash.sha256(new byte[] {1}).bytes()).publicKey();
    private static final PublicKey BOB = KeyPair.fromSeed(Hash.sha256(new byte[] {2}).bytes()).publicKey();
    private static final Instruction TRANSFER = SystemProgram.transfer(ALICE, BOB, 1);

    private static Message message(Instruction... instructions) {
        return MessageCompiler.compileLegacy(ALICE, List.of(instructions), BLOCKHASH);
    }

    private static ComputeBudgetRequest parse(Instruction... instructions) throws InstructionDecodeException {
        return ComputeBudgetRequest.of(message(instructions), SOLANA);
    }

    private static Instruction rawBudget(byte... data) {
        return new Instruction(ComputeBudgetProgram.ID, List.of(), data);
    }

    @Test
    void withoutBudgetInstructionsEachInstructionGetsTheDefault() throws Exception {
        ComputeBudgetRequest one = parse(TRANSFER);
        assertThat(one.unitLimit()).isEqualTo(200_000);
        assertThat(one.unitPriceMicroLamports()).isZero();
        assertThat(one.priorityFeeLamports()).isZero();
        assertThat(one.priorityPerUnit()).isZero();
        assertThat(one.heapFrameBytes()).isEqualTo(32 * 1024);
        assertThat(one.loadedAccountsDataSizeLimitBytes()).isEqualTo(64 * 1024 * 1024);
        assertThat(parse(TRANSFER, TRANSFER, TRANSFER).unitLimit()).isEqualTo(600_000);
        assertThat(parse().unitLimit()).isZero();
    }

    @Test
    void budgetInstructionsDoNotCountTowardsTheDefault() throws Exception {
        ComputeBudgetRequest request = parse(ComputeBudgetProgram.setComputeUnitPrice(7), TRANSFER, TRANSFER,
                ComputeBudgetProgram.requestHeapFrame(64 * 1024));
        assertThat(request.unitLimit()).isEqualTo(400_000);
        assertThat(request.unitPriceMicroLamports()).isEqualTo(7);
        assertThat(request.heapFrameBytes()).isEqualTo(64 * 1024);
    }

    @Test
    void theDefaultIsCappedAtTheTransactionMaximum() throws Exception {
        Instruction[] eight = Collections.nCopies(8, TRANSFER).toArray(Instruction[]::new);
        assertThat(parse(eight).unitLimit()).isEqualTo(1_400_000);
        Instruction[] seven = Collections.nCopies(7, TRANSFER).toArray(Instruction[]::new);
        assertThat(parse(seven).unitLimit()).isEqualTo(1_400_000);
        Instruction[] six = Collections.nCopies(6, TRANSFER).toArray(Instruction[]::new);
        assertThat(parse(six).unitLimit()).isEqualTo(1_200_000);
    }

    @Test
    void anExplicitLimitReplacesTheDefaultAndIsClamped() throws Exception {
        assertThat(parse(ComputeBudgetProgram.setComputeUnitLimit(300), TRANSFER).unitLimit()).isEqualTo(300);
        assertThat(parse(TRANSFER, ComputeBudgetProgram.setComputeUnitLimit(1_000_000)).unitLimit())
                .isEqualTo(1_000_000);
        assertThat(parse(ComputeBudgetProgram.setComputeUnitLimit(0), TRANSFER).unitLimit()).isZero();
        assertThat(parse(ComputeBudgetProgram.setComputeUnitLimit(1_400_001), TRANSFER).unitLimit())
                .isEqualTo(1_400_000);
        assertThat(parse(ComputeBudgetProgram.setComputeUnitLimit(0xFFFF_FFFFL)).unitLimit()).isEqualTo(1_400_000);
    }

    @Test
    void theChainsParametersApply() throws Exception {
        ComputeParameters small = new ComputeParameters(1_000, 2_500, 10_000, 5_000);
        assertThat(ComputeBudgetRequest.of(message(TRANSFER, TRANSFER), small).unitLimit()).isEqualTo(2_000);
        assertThat(ComputeBudgetRequest.of(message(TRANSFER, TRANSFER, TRANSFER), small).unitLimit()).isEqualTo(2_500);
        assertThat(ComputeBudgetRequest.of(message(ComputeBudgetProgram.setComputeUnitLimit(9_999)), small)
                .unitLimit()).isEqualTo(2_500);
    }

    @Test
    void thePriorityFeeIsPriceTimesLimitInMicroLamportsRoundedUp() throws Exception {
        // 12,345 × 300 = 3,703,500 micro-lamports = 3.7035 lamports, charged as 4.
        assertThat(fee(12_345, 300)).isEqualTo(4);
        // Exact multiples are not rounded up.
        assertThat(fee(1_000_000, 300)).isEqualTo(300);
        assertThat(fee(500_000, 2)).isEqualTo(1);
        // One micro-lamport in total still costs a lamport.
        assertThat(fee(1, 1)).isEqualTo(1);
        assertThat(fee(999_999, 1)).isEqualTo(1);
        assertThat(fee(1_000_001, 1)).isEqualTo(2);
        assertThat(fee(0, 1_400_000)).isZero();
        assertThat(fee(123_456_789, 0)).isZero();
        // Without a limit instruction the fee is on the default limit.
        assertThat(parse(ComputeBudgetProgram.setComputeUnitPrice(10), TRANSFER).priorityFeeLamports())
                .isEqualTo(2);
    }

    @Test
    void largePricesAreExactOrRefused() throws Exception {
        // With a limit of 10^6 units the fee in lamports equals the price in micro-lamports.
        assertThat(fee(Long.MAX_VALUE, 1_000_000)).isEqualTo(Long.MAX_VALUE);
        // 2^63 (a u64 price, negative as a Java long) no longer fits.
        assertThatThrownBy(() -> fee(Long.MIN_VALUE, 1_000_000))
                .isInstanceOf(InstructionDecodeException.class)
                .hasMessage("priority fee of 9223372036854775808 lamports (9223372036854775808 micro-lamports per"
                        + " unit for 1000000 units) is more than any account can hold (9223372036854775807)");
        // The largest u64 price on a small limit is fine: ceil((2^64 - 1) / 10^6).
        assertThat(fee(-1, 1)).isEqualTo(18_446_744_073_710L);
        assertThat(fee(-1, 499_999)).isEqualTo(9_223_353_590_110_702_098L);
        assertThatThrownBy(() -> fee(-1, 500_000)).isInstanceOf(InstructionDecodeException.class);
        assertThatThrownBy(() -> fee(-1, 1_400_000)).isInstanceOf(InstructionDecodeException.class);
        // A product above 2^63 micro-lamports but a fee far below: the exact path.
        assertThat(fee(Long.MAX_VALUE / 2, 3)).isEqualTo(13_835_058_055_283L);
    }

    @Test
    void priceOrdersAsANonNegativeNumber() throws Exception {
        assertThat(parse(ComputeBudgetProgram.setComputeUnitPrice(12_345), ComputeBudgetProgram.setComputeUnitLimit(1))
                .priorityPerUnit()).isEqualTo(12_345);
        ComputeBudgetRequest huge = parse(ComputeBudgetProgram.setComputeUnitPrice(-1),
                ComputeBudgetProgram.setComputeUnitLimit(1));
        assertThat(huge.unitPriceMicroLamports()).isEqualTo(-1);
        assertThat(huge.priorityPerUnit()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aRepeatedBudgetInstructionIsRefused() {
        assertThatThrownBy(() -> parse(ComputeBudgetProgram.setComputeUnitLimit(300), TRANSFER,
                ComputeBudgetProgram.setComputeUnitLimit(300)))
                .isInstanceOf(InstructionDecodeException.class)
                .hasMessage("duplicate compute budget instruction: set_compute_unit_limit"
                        + " (instruction 2 repeats instruction 0)");
        assertThatThrownBy(() -> parse(ComputeBudgetProgram.setComputeUnitPrice(1),
                ComputeBudgetProgram.setComputeUnitPrice(2)))
                .hasMessageStartingWith("duplicate compute budget instruction: set_compute_unit_price");
        assertThatThrownBy(() -> parse(ComputeBudgetProgram.requestHeapFrame(32 * 1024),
                ComputeBudgetProgram.requestHeapFrame(64 * 1024)))
                .hasMessageStartingWith("duplicate compute budget instruction: request_heap_frame");
        assertThatThrownBy(() -> parse(ComputeBudgetProgram.setLoadedAccountsDataSizeLimit(1),
                ComputeBudgetProgram.setLoadedAccountsDataSizeLimit(1)))
                .hasMessageStartingWith("duplicate compute budget instruction: set_loaded_accounts_data_size_limit");
    }

    @Test
    void oneOfEachTypeIsFine() throws Exception {
        ComputeBudgetRequest all = parse(ComputeBudgetProgram.setComputeUnitLimit(1_000),
                ComputeBudgetProgram.setComputeUnitPrice(2_000), ComputeBudgetProgram.requestHeapFrame(256 * 1024),
                ComputeBudgetProgram.setLoadedAccountsDataSizeLimit(4_096), TRANSFER);
        assertThat(all.unitLimit()).isEqualTo(1_000);
        assertThat(all.unitPriceMicroLamports()).isEqualTo(2_000);
        assertThat(all.priorityFeeLamports()).isEqualTo(2);
        assertThat(all.heapFrameBytes()).isEqualTo(256 * 1024);
        assertThat(all.loadedAccountsDataSizeLimitBytes()).isEqualTo(4_096);
    }

    @Test
    void heapFramesFollowSolanasRule() {
        for (long bad : new long[] {0, 1, 31 * 1024, 32 * 1024 + 1, 257 * 1024, 0xFFFF_FFFFL}) {
            assertThatThrownBy(() -> parse(ComputeBudgetProgram.requestHeapFrame(bad))).as("%d", bad)
                    .hasMessage("instruction 0: request_heap_frame of " + bad + " bytes must be a multiple of 1024"
                            + " from 32768 to 262144");
        }
    }

    @Test
    void loadedDataSizeMustNotBeZeroAndIsCapped() throws Exception {
        assertThatThrownBy(() -> parse(TRANSFER, ComputeBudgetProgram.setLoadedAccountsDataSizeLimit(0)))
                .hasMessage("instruction 1: set_loaded_accounts_data_size_limit must not be 0");
        assertThat(parse(ComputeBudgetProgram.setLoadedAccountsDataSizeLimit(0xFFFF_FFFFL))
                .loadedAccountsDataSizeLimitBytes()).isEqualTo(64 * 1024 * 1024);
    }

    @Test
    void malformedBudgetDataNamesTheInstruction() {
        assertThatThrownBy(() -> parse(TRANSFER, rawBudget()))
                .hasMessage("instruction 1: compute budget instruction data is empty");
        assertThatThrownBy(() -> parse(rawBudget((byte) 2, (byte) 1)))
                .hasMessageStartingWith("instruction 0: compute budget instruction 2 (SetComputeUnitLimit) must be 5");
        assertThatThrownBy(() -> parse(rawBudget((byte) 9)))
                .hasMessage("instruction 0: unknown compute budget instruction 9");
    }

    @Test
    void systemDataIsNotLookedAt() throws Exception {
        // Only Compute Budget instructions are decoded here; other programs validate their own data.
        Instruction garbage = new Instruction(SystemProgram.ID, List.of(), new byte[] {1});
        assertThat(parse(garbage).unitLimit()).isEqualTo(200_000);
    }

    /** Every web3.js fixture with Compute Budget instructions parses to the limit and price its note states. */
    @Test
    void web3jsFixturesParseToTheValuesInTheirNotes() throws Exception {
        Pattern stated = Pattern.compile("CU limit (\\d+), price (\\d+) micro-lamports");
        List<String> withBudget = new ArrayList<>();
        for (Web3jsFixtures.Fixture fixture : Web3jsFixtures.transactions()) {
            Message message = Transaction.decode(fixture.transaction()).message();
            ComputeBudgetRequest request = ComputeBudgetRequest.of(message, SOLANA);
            long nonBudget = message.instructions().stream().map(message::programId)
                    .filter(id -> !id.equals(ComputeBudgetProgram.ID)).count();
            if (nonBudget == message.instructions().size()) {
                assertThat(request.unitLimit()).as(fixture.name()).isEqualTo(200_000 * nonBudget);
                assertThat(request.priorityFeeLamports()).as(fixture.name()).isZero();
                continue;
            }
            withBudget.add(fixture.name());
            Matcher note = stated.matcher(fixture.note());
            assertThat(note.find()).as("note of %s states limit and price: %s", fixture.name(), fixture.note()).isTrue();
            long limit = Long.parseLong(note.group(1));
            long price = Long.parseLong(note.group(2));
            assertThat(request.unitLimit()).as(fixture.name()).isEqualTo(limit);
            assertThat(request.unitPriceMicroLamports()).as(fixture.name()).isEqualTo(price);
            assertThat(request.priorityFeeLamports()).as(fixture.name())
                    .isEqualTo((price * limit + 999_999) / 1_000_000);
        }
        assertThat(withBudget).containsExactly("transfer_with_compute_budget");
        // "CU limit 300, price 12345 micro-lamports": 3.7035 lamports, rounded up.
        Message fixture = Transaction.decode(Web3jsFixtures.transaction("transfer_with_compute_budget").transaction())
                .message();
        assertThat(ComputeBudgetRequest.of(fixture, SOLANA).priorityFeeLamports()).isEqualTo(4);
    }

    @Test
    void compiledBudgetInstructionsTakeNoAccounts() {
        CompiledInstruction compiled = message(ComputeBudgetProgram.setComputeUnitLimit(5), TRANSFER)
                .instructions().get(0);
        assertThat(compiled.accountCount()).isZero();
    }

    private static long fee(long priceMicroLamports, long limit) throws InstructionDecodeException {
        return parse(ComputeBudgetProgram.setComputeUnitPrice(priceMicroLamports),
                ComputeBudgetProgram.setComputeUnitLimit(limit)).priorityFeeLamports();
    }
}
