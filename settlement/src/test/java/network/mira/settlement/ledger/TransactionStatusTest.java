package network.mira.settlement.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Optional;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Signature;
import network.mira.svm.TransactionError;
import network.mira.svm.TransactionResult;
import org.junit.jupiter.api.Test;

class TransactionStatusTest {
    private static final Signature SIGNATURE = Signature.wrap(filled(64, 7));

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void aSuccessRoundTripsWithItsComputeUnits() throws Exception {
        TransactionStatus status = TransactionStatus.of(
                new TransactionResult(SIGNATURE, 5_004, Optional.empty(), 450), 12, 3);
        assertThat(status.computeUnitsConsumed()).isEqualTo(450);
        assertThat(status.fee()).isEqualTo(5_004);
        assertThat(TransactionStatus.decode(status.encode())).isEqualTo(status);
    }

    @Test
    void aFailureRoundTripsWithItsErrorAndComputeUnits() throws Exception {
        TransactionError error = new TransactionError("COMPUTE_BUDGET_EXCEEDED", 2,
                "needs 150 more compute units but 300 of the transaction's limit of 300 are already consumed");
        TransactionStatus status = TransactionStatus.of(new TransactionResult(SIGNATURE, 5_004, Optional.of(error), 300),
                12, 0);
        TransactionStatus decoded = TransactionStatus.decode(status.encode());
        assertThat(decoded).isEqualTo(status);
        assertThat(decoded.computeUnitsConsumed()).isEqualTo(300);
        assertThat(decoded.error()).contains(error);
        TransactionError transactionLevel = new TransactionError("INVALID_INSTRUCTION_DATA", -1, "duplicate");
        TransactionStatus noInstruction = new TransactionStatus(SIGNATURE, 1, 0, 5_000, Optional.of(transactionLevel), 0);
        assertThat(TransactionStatus.decode(noInstruction.encode())).isEqualTo(noInstruction);
    }

    @Test
    void theComputeUnitsFollowTheFee() throws Exception {
        byte[] bytes = new TransactionStatus(SIGNATURE, 1, 2, 3, Optional.empty(), 0x0102).encode();
        // signature 64, height 8, index 4, fee 8: compute units start at 84, little-endian.
        assertThat(bytes).hasSize(64 + 8 + 4 + 8 + 8 + 1);
        assertThat(bytes[84]).isEqualTo((byte) 0x02);
        assertThat(bytes[85]).isEqualTo((byte) 0x01);
    }

    @Test
    void aStatusWithoutComputeUnitsDoesNotDecode() {
        byte[] full = new TransactionStatus(SIGNATURE, 1, 2, 3, Optional.empty(), 4).encode();
        byte[] truncated = Arrays.copyOf(full, full.length - 1);
        assertThatThrownBy(() -> TransactionStatus.decode(truncated)).isInstanceOf(DecodeException.class);
    }
}
