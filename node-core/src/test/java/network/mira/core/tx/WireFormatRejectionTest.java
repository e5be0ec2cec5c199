package network.mira.core.tx;

import network.mira.core.testing.Web3jsFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each refusal of the decoder, with the exact words a submitter gets back. */
class WireFormatRejectionTest {

    private static byte[] validLegacyMessage() {
        return new RawMessageBytes().u8(1, 0, 1).keys(4).blockhash().u8(1).instruction(3, new int[] {0, 1}, 4)
                .bytes();
    }

    @Test
    void baselineIsValid() throws WireFormatException {
        assertThat(Message.deserialize(validLegacyMessage()).accountKeys()).hasSize(4);
    }

    @Test
    void truncatedAccountKey() {
        // header 0..2, key count 3, keys at 4, 36, 68, 100
        byte[] truncated = Arrays.copyOf(validLegacyMessage(), 112);
        assertRejected(truncated, "truncated: expected 32 bytes of account key 3 at offset 100, 12 left");
    }

    @Test
    void truncatedOffsetsCountFromTheStartOfTheTransaction() {
        byte[] transaction = Web3jsFixtures.transaction("transfer").transaction();
        // 1 count byte + 64 signature + 3 header + 1 key count = key 0 at 69, key 1 at 101
        assertThatThrownBy(() -> Transaction.decode(Arrays.copyOf(transaction, 110)))
                .hasMessage("truncated: expected 32 bytes of account key 1 at offset 101, 9 left");
        assertThatThrownBy(() -> Transaction.decode(Arrays.copyOf(transaction, 30)))
                .hasMessage("truncated: expected 64 bytes of signature 0 at offset 1, 29 left");
    }

    @Test
    void trailingBytes() {
        byte[] transaction = Web3jsFixtures.transaction("transfer").transaction();
        byte[] longer = Arrays.copyOf(transaction, transaction.length + 2);
        assertThatThrownBy(() -> Transaction.decode(longer)).isInstanceOf(WireFormatException.class)
                .hasMessage("trailing bytes: 2 after the message at offset " + transaction.length);
        byte[] message = Arrays.copyOf(validLegacyMessage(), validLegacyMessage().length + 1);
        assertRejected(message, "trailing bytes: 1 after the message at offset " + validLegacyMessage().length);
    }

    @Test
    void addressLookupTables() {
        byte[] transaction = Web3jsFixtures.transaction("v0_transfer").transaction();
        byte[] withTable = transaction.clone();
        withTable[withTable.length - 1] = 1; // the lookup table count is the last byte
        assertThatThrownBy(() -> Transaction.decode(withTable))
                .hasMessage("address lookup tables are not supported (message has 1)");
    }

    @Test
    void signatureCountDoesNotMatchHeader() {
        byte[] transaction = Web3jsFixtures.transaction("transfer").transaction();
        ByteArrayOutputStream twoSignatures = new ByteArrayOutputStream();
        twoSignatures.write(2);
        twoSignatures.writeBytes(new byte[64]);
        twoSignatures.write(transaction, 1, transaction.length - 1);
        assertThatThrownBy(() -> Transaction.decode(twoSignatures.toByteArray()))
                .hasMessage("signature count 2 does not match header's required signatures 1");

        byte[] none = Arrays.copyOfRange(transaction, 64, transaction.length);
        none[0] = 0;
        assertThatThrownBy(() -> Transaction.decode(none))
                .hasMessage("signature count 0 does not match header's required signatures 1");
    }

    @Test
    void oversizeIsRefusedBeforeDecoding() {
        assertThat(Transaction.MAX_SIZE).isEqualTo(1232);
        assertThatThrownBy(() -> Transaction.decode(new byte[1233]))
                .hasMessage("transaction is 1233 bytes, larger than the maximum 1232");
    }

    @Test
    void nonCanonicalSignatureCount() {
        byte[] transaction = Web3jsFixtures.transaction("transfer").transaction();
        ByteArrayOutputStream aliased = new ByteArrayOutputStream();
        aliased.write(0x81);
        aliased.write(0x00);
        aliased.write(transaction, 1, transaction.length - 1);
        assertThatThrownBy(() -> Transaction.decode(aliased.toByteArray()))
                .hasMessage("non-canonical compact-u16 signature count at offset 0: byte 1 is a redundant zero");
    }

    @Test
    void unsupportedMessageVersion() {
        byte[] message = new RawMessageBytes().u8(0x81, 1, 0, 1).keys(2).blockhash().u8(0, 0).bytes();
        assertRejected(message, "message version 1 is not supported (only legacy and v0)");
    }

    @Test
    void noSigner() {
        byte[] message = new RawMessageBytes().u8(0, 0, 0).keys(2).blockhash().u8(0).bytes();
        assertRejected(message, "invalid message header: header requires no signatures; a message needs at least"
                + " one signer, the fee payer");
    }

    @Test
    void readOnlyFeePayer() {
        byte[] message = new RawMessageBytes().u8(1, 1, 0).keys(2).blockhash().u8(0).bytes();
        assertRejected(message, "invalid message header: header marks 1 of 1 signers read-only; the fee payer"
                + " must be writable");
    }

    @Test
    void headerInconsistentWithKeyCount() {
        byte[] message = new RawMessageBytes().u8(2, 0, 1).keys(2).blockhash().u8(0).bytes();
        assertRejected(message, "header needs 2 signers and 1 read-only unsigned accounts, but the message has 2"
                + " account keys");
    }

    @Test
    void tooManyAccountKeys() {
        byte[] message = new RawMessageBytes().u8(1, 0, 0, 0x81, 0x02).bytes();
        assertRejected(message, "account key count 257 exceeds 256");
    }

    @Test
    void duplicateAccountKeys() {
        byte[] message = new RawMessageBytes().u8(1, 0, 1, 3).key(1).key(2).key(1).blockhash().u8(0).bytes();
        assertRejected(message, "account key 2 duplicates account key 0 (" + keyOf(1) + ")");
    }

    @Test
    void programIdIndexOutOfRange() {
        byte[] message = new RawMessageBytes().u8(1, 0, 1).keys(2).blockhash().u8(1).instruction(2, new int[0], 0)
                .bytes();
        assertRejected(message, "instruction 0: program id index 2 is out of range for 2 account keys");
    }

    @Test
    void feePayerAsProgram() {
        byte[] message = new RawMessageBytes().u8(1, 0, 1).keys(2).blockhash().u8(1).instruction(0, new int[0], 0)
                .bytes();
        assertRejected(message, "instruction 0: program id index 0 is the fee payer, which cannot be a program");
    }

    @Test
    void accountIndexOutOfRange() {
        byte[] message = new RawMessageBytes().u8(1, 0, 1).keys(2).blockhash().u8(2)
                .instruction(1, new int[] {0}, 0).instruction(1, new int[] {1, 0, 7}, 1).bytes();
        assertRejected(message, "instruction 1: account index 7 (position 2) is out of range for 2 account keys");
    }

    @Test
    void emptyInput() {
        assertThatThrownBy(() -> Transaction.decode(new byte[0]))
                .hasMessage("truncated: expected another byte of compact-u16 signature count at offset 0, 0 left");
        assertRejected(new byte[0], "truncated: expected 1 byte of message header at offset 0, 0 left");
    }

    private static String keyOf(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return network.mira.core.crypto.PublicKey.wrap(key).toBase58();
    }

    private static void assertRejected(byte[] message, String expected) {
        assertThatThrownBy(() -> Message.deserialize(message)).isInstanceOf(WireFormatException.class)
                .hasMessage(expected);
    }
}
