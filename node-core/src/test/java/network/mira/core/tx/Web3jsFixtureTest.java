package network.mira.core.tx;

import network.mira.core.testing.Web3jsFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our decoder, signature check and encoder against bytes that @solana/web3.js produced. */
class Web3jsFixtureTest {
    private static final PublicKey SYSTEM = PublicKey.fromBase58("11111111111111111111111111111111");
    private static final PublicKey COMPUTE_BUDGET = PublicKey.fromBase58("ComputeBudget111111111111111111111111111111");

    static Stream<Web3jsFixtures.Fixture> fixtures() {
        return Web3jsFixtures.transactions().stream();
    }

    @Test
    void fileHasTheSixExpectedFixtures() {
        assertThat(fixtures().map(Web3jsFixtures.Fixture::name)).containsExactly("transfer",
                "transfer_with_compute_budget", "create_account", "fee_payer_and_two_transfers", "allocate_assign",
                "v0_transfer");
    }

    @Test
    void classpathCopyMatchesTheSharedOriginal() throws IOException {
        Path shared = Path.of("../../shared/fixtures/solana-web3js-transactions.json");
        Assumptions.assumeTrue(Files.exists(shared), "shared fixtures are not beside this checkout");
        try (InputStream copy = getClass().getResourceAsStream(Web3jsFixtures.RESOURCE)) {
            assertThat(copy.readAllBytes()).isEqualTo(Files.readAllBytes(shared));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodesVerifiesAndReencodesByteExactly(Web3jsFixtures.Fixture fixture) throws WireFormatException {
        Transaction transaction = Transaction.decode(fixture.transaction());

        assertThat(transaction.serialize()).isEqualTo(fixture.transaction());
        assertThat(transaction.message().serialize()).isEqualTo(fixture.message());
        assertThat(Message.deserialize(fixture.message())).isEqualTo(transaction.message());
        assertThat(transaction.signatures()).extracting(Signature::toBase58).isEqualTo(fixture.signatures());
        assertThat(transaction.id()).isEqualTo(Signature.fromBase58(fixture.signatures().get(0)));
        assertThat(transaction.verifySignatures()).hasSize(fixture.signatures().size()).containsOnly(true);
        assertThat(transaction.allSignaturesValid()).isTrue();
        assertThat(transaction.message().version())
                .isEqualTo(fixture.name().equals("v0_transfer") ? MessageVersion.V0 : MessageVersion.LEGACY);
    }

    @Test
    void keypairsLoadToTheirListedPublicKeys() {
        Map<String, Web3jsFixtures.Key> keys = Web3jsFixtures.keys();
        assertThat(keys).containsOnlyKeys("alice", "bob", "carol", "newacct");
        for (Web3jsFixtures.Key key : keys.values()) {
            KeyPair keyPair = KeyPair.fromSolanaSecretKey(key.secretKey());
            assertThat(keyPair.publicKey()).as(key.name()).isEqualTo(key.publicKey());
            assertThat(keyPair.toSolanaSecretKey()).isEqualTo(key.secretKey());
        }
    }

    @Test
    void transfer() throws WireFormatException {
        Message message = decode("transfer");
        assertLayout(message, new MessageHeader(1, 0, 1), List.of(key("alice"), key("bob"), SYSTEM));
        assertThat(message.feePayer()).isEqualTo(key("alice"));
        assertInstruction(message, 0, SYSTEM, "0200000040420f0000000000", 0, 1);
        assertRoles(message, "SW", "W", "R");
    }

    @Test
    void transferWithComputeBudget() throws WireFormatException {
        Message message = decode("transfer_with_compute_budget");
        assertLayout(message, new MessageHeader(1, 0, 2),
                List.of(key("alice"), key("carol"), SYSTEM, COMPUTE_BUDGET));
        assertInstruction(message, 0, COMPUTE_BUDGET, "022c010000");
        assertInstruction(message, 1, COMPUTE_BUDGET, "033930000000000000");
        assertInstruction(message, 2, SYSTEM, "020000002a00000000000000", 0, 1);
        assertRoles(message, "SW", "W", "R", "R");
    }

    @Test
    void createAccount() throws WireFormatException {
        Message message = decode("create_account");
        assertLayout(message, new MessageHeader(2, 0, 1), List.of(key("alice"), key("newacct"), SYSTEM));
        assertInstruction(message, 0, SYSTEM, "00000000" + "f01d1f0000000000" + "a500000000000000"
                + key("bob").toHex(), 0, 1);
        assertRoles(message, "SW", "SW", "R");
    }

    @Test
    void feePayerAndTwoTransfers() throws WireFormatException {
        Message message = decode("fee_payer_and_two_transfers");
        assertLayout(message, new MessageHeader(3, 0, 1), List.of(key("carol"), key("alice"), key("bob"), SYSTEM));
        assertThat(message.feePayer()).isEqualTo(key("carol"));
        assertInstruction(message, 0, SYSTEM, "020000000700000000000000", 1, 2);
        assertInstruction(message, 1, SYSTEM, "020000000500000000000000", 2, 1);
        assertRoles(message, "SW", "SW", "SW", "R");
    }

    @Test
    void allocateAssign() throws WireFormatException {
        Message message = decode("allocate_assign");
        assertLayout(message, new MessageHeader(2, 0, 1), List.of(key("alice"), key("bob"), SYSTEM));
        assertInstruction(message, 0, SYSTEM, "080000004000000000000000", 1);
        assertInstruction(message, 1, SYSTEM, "01000000" + key("carol").toHex(), 1);
        assertRoles(message, "SW", "SW", "R");
    }

    @Test
    void v0Transfer() throws WireFormatException {
        Message message = decode("v0_transfer");
        assertThat(message.version()).isEqualTo(MessageVersion.V0);
        assertThat(message.serialize()[0]).isEqualTo((byte) 0x80);
        assertLayout(message, new MessageHeader(1, 0, 1), List.of(key("alice"), key("bob"), SYSTEM));
        assertInstruction(message, 0, SYSTEM, "020000006300000000000000", 0, 1);
    }

    private static Message decode(String name) throws WireFormatException {
        return Transaction.decode(Web3jsFixtures.transaction(name).transaction()).message();
    }

    private static PublicKey key(String name) {
        return Web3jsFixtures.key(name);
    }

    private static void assertLayout(Message message, MessageHeader header, List<PublicKey> keys) {
        assertThat(message.header()).isEqualTo(header);
        assertThat(message.accountKeys()).isEqualTo(keys);
    }

    private static void assertInstruction(Message message, int number, PublicKey program, String dataHex,
                                          int... accountIndexes) {
        CompiledInstruction instruction = message.instructions().get(number);
        assertThat(message.programId(instruction)).isEqualTo(program);
        assertThat(HexFormat.of().formatHex(instruction.data())).isEqualTo(dataHex);
        int[] actual = new int[instruction.accountCount()];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = instruction.accountIndex(i);
        }
        assertThat(actual).containsExactly(accountIndexes);
    }

    /** "SW" signer and writable, "S" read-only signer, "W" writable, "R" read-only. */
    private static void assertRoles(Message message, String... roles) {
        assertThat(roles).hasSize(message.accountKeys().size());
        for (int i = 0; i < roles.length; i++) {
            assertThat(message.isSigner(i)).as("signer %d", i).isEqualTo(roles[i].contains("S"));
            assertThat(message.isWritable(i)).as("writable %d", i).isEqualTo(roles[i].contains("W"));
        }
    }
}
