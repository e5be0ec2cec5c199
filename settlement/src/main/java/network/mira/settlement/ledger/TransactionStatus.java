package network.mira.settlement.ledger;

import java.util.Optional;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Signature;
import network.mira.svm.TransactionError;
import network.mira.svm.TransactionResult;

/**
 * Where a finalized transaction landed and how it ended; stored by signature. Encoding: 64-byte
 * signature, u64 height, u32 index, u64 fee, u64 compute units consumed, bool failed, then when
 * failed: string code, u32 instruction index + 1 (0 = none), string message.
 */
public record TransactionStatus(Signature signature, long height, int index, long fee,
                                Optional<TransactionError> error, long computeUnitsConsumed) {

    private static final int MAX_TEXT = 4096;

    public static TransactionStatus of(TransactionResult result, long height, int index) {
        return new TransactionStatus(result.signature(), height, index, result.fee(), result.error(),
                result.computeUnitsConsumed());
    }

    public boolean succeeded() {
        return error.isEmpty();
    }

    public byte[] encode() {
        ByteWriter writer = new ByteWriter(128)
                .raw(signature.bytes())
                .u64(height)
                .u32(index)
                .u64(fee)
                .u64(computeUnitsConsumed)
                .bool(error.isPresent());
        error.ifPresent(e -> writer.string(e.code()).u32(e.instructionIndex() + 1L).string(truncate(e.message())));
        return writer.toByteArray();
    }

    public static TransactionStatus decode(byte[] bytes) throws DecodeException {
        ByteReader reader = new ByteReader(bytes);
        Signature signature = Signature.wrap(reader.raw(Signature.LENGTH, "status signature"));
        long height = reader.u64("status height");
        int index = (int) reader.u32("status index");
        long fee = reader.u64("status fee");
        long computeUnitsConsumed = reader.u64("status compute units consumed");
        Optional<TransactionError> error = Optional.empty();
        if (reader.bool("status failed")) {
            String code = reader.string(MAX_TEXT, "status error code");
            int instruction = (int) (reader.u32("status error instruction") - 1);
            String message = reader.string(MAX_TEXT, "status error message");
            error = Optional.of(new TransactionError(code, instruction, message));
        }
        reader.expectEnd("transaction status");
        return new TransactionStatus(signature, height, index, fee, error, computeUnitsConsumed);
    }

    private static String truncate(String message) {
        return message.length() > MAX_TEXT / 4 ? message.substring(0, MAX_TEXT / 4) : message;
    }
}
