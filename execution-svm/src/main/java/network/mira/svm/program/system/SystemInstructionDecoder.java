package network.mira.svm.program.system;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.program.InstructionDecodeException;

/** Decodes System program instruction data; see {@link SystemInstruction} for the encoding. */
final class SystemInstructionDecoder {
    /** Solana's System instruction names by discriminant, so a refusal can say what was sent. */
    private static final String[] SOLANA_NAMES = {
        "CreateAccount", "Assign", "Transfer", "CreateAccountWithSeed", "AdvanceNonceAccount",
        "WithdrawNonceAccount", "InitializeNonceAccount", "AuthorizeNonceAccount", "Allocate",
        "AllocateWithSeed", "AssignWithSeed", "TransferWithSeed", "UpgradeNonceAccount",
    };
    private static final int DISCRIMINANT_LENGTH = 4;

    private SystemInstructionDecoder() {}

    static SystemInstruction decode(byte[] data) throws InstructionDecodeException {
        if (data.length < DISCRIMINANT_LENGTH) {
            throw new InstructionDecodeException("system instruction data is " + data.length
                    + " bytes, too short for the 4-byte discriminant");
        }
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long discriminant = Integer.toUnsignedLong(in.getInt());
        if (discriminant == SystemInstruction.CreateAccount.DISCRIMINANT) {
            requireLength(data, discriminant, SystemInstruction.CreateAccount.ENCODED_LENGTH);
            long lamports = in.getLong();
            long space = in.getLong();
            return new SystemInstruction.CreateAccount(lamports, space, readKey(data, in.position()));
        }
        if (discriminant == SystemInstruction.Assign.DISCRIMINANT) {
            requireLength(data, discriminant, SystemInstruction.Assign.ENCODED_LENGTH);
            return new SystemInstruction.Assign(readKey(data, in.position()));
        }
        if (discriminant == SystemInstruction.Transfer.DISCRIMINANT) {
            requireLength(data, discriminant, SystemInstruction.Transfer.ENCODED_LENGTH);
            return new SystemInstruction.Transfer(in.getLong());
        }
        if (discriminant == SystemInstruction.Allocate.DISCRIMINANT) {
            requireLength(data, discriminant, SystemInstruction.Allocate.ENCODED_LENGTH);
            return new SystemInstruction.Allocate(in.getLong());
        }
        if (discriminant < SOLANA_NAMES.length) {
            throw new InstructionDecodeException("system instruction " + discriminant + " ("
                    + SOLANA_NAMES[(int) discriminant] + ") is not supported");
        }
        throw new InstructionDecodeException("unknown system instruction " + discriminant);
    }

    /** bincode has no length prefix here: the size is fixed, and extra bytes mean a different message. */
    private static void requireLength(byte[] data, long discriminant, int expected) throws InstructionDecodeException {
        if (data.length != expected) {
            throw new InstructionDecodeException("system instruction " + discriminant + " ("
                    + SOLANA_NAMES[(int) discriminant] + ") must be " + expected + " bytes, got " + data.length
                    + (data.length > expected ? " (trailing bytes)" : " (truncated)"));
        }
    }

    private static PublicKey readKey(byte[] data, int offset) {
        return PublicKey.wrap(Arrays.copyOfRange(data, offset, offset + PublicKey.LENGTH));
    }
}
