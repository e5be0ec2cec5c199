package network.mira.core.tx;

import network.mira.core.testing.Web3jsFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TransactionPropertyTest {

    @Property
    void messagesRoundTrip(@ForAll long seed) throws WireFormatException {
        Message message = RandomMessages.create(seed).message();
        byte[] bytes = message.serialize();
        Message decoded = Message.deserialize(bytes);
        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.version()).isEqualTo(message.version());
        assertThat(decoded.header()).isEqualTo(message.header());
        assertThat(decoded.accountKeys()).isEqualTo(message.accountKeys());
        assertThat(decoded.recentBlockhash()).isEqualTo(message.recentBlockhash());
        assertThat(decoded.instructions()).isEqualTo(message.instructions());
        assertThat(decoded.serialize()).isEqualTo(bytes);
    }

    @Property(tries = 300)
    void signedTransactionsVerifyAndRoundTrip(@ForAll long seed) throws WireFormatException {
        RandomMessages.Signed random = RandomMessages.create(seed);
        Transaction transaction = Transaction.sign(random.message(), random.signers());
        assertThat(transaction.allSignaturesValid()).isTrue();

        byte[] bytes = transaction.serialize();
        Transaction decoded = Transaction.decode(bytes);
        assertThat(decoded).isEqualTo(transaction);
        assertThat(decoded.serialize()).isEqualTo(bytes);
        assertThat(decoded.verifySignatures()).containsOnly(true)
                .hasSize(random.message().header().numRequiredSignatures());
    }

    /** A changed byte must never yield a transaction that still decodes with valid signatures. */
    @Property(tries = 300)
    void anyChangedByteIsDetected(@ForAll long seed, @ForAll @IntRange(min = 0, max = 100_000) int where,
                                  @ForAll @IntRange(min = 1, max = 255) int flip) {
        RandomMessages.Signed random = RandomMessages.create(seed);
        byte[] bytes = Transaction.sign(random.message(), random.signers()).serialize();
        bytes[where % bytes.length] ^= (byte) flip;
        assertDetected(bytes);
    }

    @Example
    void everyFlippedByteOfAWeb3jsTransactionIsDetected() {
        for (Web3jsFixtures.Fixture fixture : Web3jsFixtures.transactions()) {
            for (int position = 0; position < fixture.transaction().length; position++) {
                byte[] bytes = fixture.transaction().clone();
                bytes[position] ^= 0x01;
                assertDetected(bytes);
            }
        }
    }

    @Property(tries = 200)
    void everyTruncationIsAWireFormatError(@ForAll long seed) {
        RandomMessages.Signed random = RandomMessages.create(seed);
        byte[] bytes = Transaction.sign(random.message(), random.signers()).serialize();
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> Transaction.decode(truncated)).isInstanceOf(WireFormatException.class)
                    .hasMessageStartingWith("truncated: ");
        }
        byte[] message = random.message().serialize();
        for (int length = 0; length < message.length; length++) {
            byte[] truncated = Arrays.copyOf(message, length);
            assertThatThrownBy(() -> Message.deserialize(truncated)).isInstanceOf(WireFormatException.class);
        }
    }

    /** Arbitrary bytes either decode or fail with our checked exception, never anything else. */
    @Property
    void garbageNeverEscapesAsAnotherException(@ForAll @Size(max = 1300) byte[] bytes) {
        try {
            Transaction transaction = Transaction.decode(bytes);
            assertThat(transaction.serialize()).isEqualTo(bytes);
        } catch (WireFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static void assertDetected(byte[] bytes) {
        try {
            Transaction transaction = Transaction.decode(bytes);
            assertThat(transaction.allSignaturesValid()).as("changed transaction still verifies").isFalse();
        } catch (WireFormatException expected) {
            // refused before signatures were even checked
        }
    }
}
