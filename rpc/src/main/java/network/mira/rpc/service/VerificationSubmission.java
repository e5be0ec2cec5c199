package network.mira.rpc.service;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.AccountMeta;
import network.mira.core.tx.CompiledInstruction;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.Message;
import network.mira.core.tx.Transaction;
import network.mira.core.tx.WireFormatException;
import network.mira.settlement.mempool.RefusalReason;
import network.mira.verification.program.VerificationProgram;

/**
 * What SubmitRequest accepts before admission: a transaction whose one verification-program instruction
 * opens a request. Anything else would be admitted by TransactionService but leaves the client with no
 * request to follow, so it is refused here with NOT_A_VERIFICATION_REQUEST.
 */
final class VerificationSubmission {
    static final String NOT_A_VERIFICATION_REQUEST = "NOT_A_VERIFICATION_REQUEST";

    private VerificationSubmission() {}

    /** The request account the transaction opens. */
    static PublicKey requestOpenedBy(byte[] transaction) {
        Message message;
        try {
            message = Transaction.decode(transaction).message();
        } catch (WireFormatException e) {
            // The same refusal admission gives, so a client sees one answer for bad bytes on either method.
            throw RpcErrors.refusal(RefusalStatus.of(RefusalReason.UNDECODABLE), RefusalReason.UNDECODABLE.name(),
                    e.getMessage());
        }
        List<CompiledInstruction> verification = message.instructions().stream()
                .filter(instruction -> message.programId(instruction).equals(VerificationProgram.ID)).toList();
        if (verification.size() != 1) {
            throw notARequest("the transaction has " + verification.size() + " verification program instructions;"
                    + " a request has exactly one");
        }
        Optional<PublicKey> request = VerificationProgram.requestOpenedBy(instruction(message, verification.get(0)));
        return request.orElseThrow(() -> notARequest("its verification program instruction is not a Request or "
                + "RequestFromDraft (or its data does not decode)"));
    }

    private static Instruction instruction(Message message, CompiledInstruction compiled) {
        byte[] indexes = compiled.accountIndexes();
        List<AccountMeta> accounts = new ArrayList<>(indexes.length);
        for (byte index : indexes) {
            int i = Byte.toUnsignedInt(index);
            accounts.add(new AccountMeta(message.accountKeys().get(i), message.isSigner(i), message.isWritable(i)));
        }
        return new Instruction(message.programId(compiled), accounts, compiled.data());
    }

    private static StatusRuntimeException notARequest(String message) {
        return RpcErrors.refusal(Status.Code.INVALID_ARGUMENT, NOT_A_VERIFICATION_REQUEST, message);
    }
}
