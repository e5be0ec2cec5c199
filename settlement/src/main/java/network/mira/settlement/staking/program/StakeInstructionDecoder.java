package network.mira.settlement.staking.program;

import network.mira.core.codec.ByteReader;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.program.InstructionDecodeException;

/** Decodes stake instruction data; see {@link StakeInstruction} for the encoding. */
final class StakeInstructionDecoder {
    private static final String[] NAMES = {"RegisterValidator", "CreateStake", "Delegate", "Deactivate", "Withdraw",
        "SetCommission", "RotateConsensusKey", "Unjail"};
    private static final int[] LENGTHS = {StakeInstruction.RegisterValidator.ENCODED_LENGTH,
        StakeInstruction.CreateStake.ENCODED_LENGTH, StakeInstruction.Delegate.ENCODED_LENGTH,
        StakeInstruction.Deactivate.ENCODED_LENGTH, StakeInstruction.Withdraw.ENCODED_LENGTH,
        StakeInstruction.SetCommission.ENCODED_LENGTH, StakeInstruction.RotateConsensusKey.ENCODED_LENGTH,
        StakeInstruction.Unjail.ENCODED_LENGTH};

    private StakeInstructionDecoder() {}

    static StakeInstruction decode(byte[] data) throws InstructionDecodeException {
        if (data.length < 4) {
            throw new InstructionDecodeException("stake instruction data is " + data.length
                    + " bytes, too short for the 4-byte discriminant");
        }
        ByteReader in = new ByteReader(data);
        try {
            long discriminant = in.u32("discriminant");
            if (discriminant >= NAMES.length) {
                throw new InstructionDecodeException("unknown stake instruction " + discriminant);
            }
            int kind = (int) discriminant;
            if (data.length != LENGTHS[kind]) {
                throw new InstructionDecodeException("stake instruction " + kind + " (" + NAMES[kind] + ") must be "
                        + LENGTHS[kind] + " bytes, got " + data.length
                        + (data.length > LENGTHS[kind] ? " (trailing bytes)" : " (truncated)"));
            }
            return read(kind, in);
        } catch (DecodeException e) {
            throw new InstructionDecodeException("stake instruction: " + e.getMessage());
        }
    }

    private static StakeInstruction read(int kind, ByteReader in) throws DecodeException {
        return switch (kind) {
            case StakeInstruction.RegisterValidator.DISCRIMINANT -> new StakeInstruction.RegisterValidator(
                    key(in, "consensus key"), u16(in, "commission bps"), lamports(in, "self-bond lamports"));
            case StakeInstruction.CreateStake.DISCRIMINANT -> new StakeInstruction.CreateStake(lamports(in, "lamports"));
            case StakeInstruction.Delegate.DISCRIMINANT -> new StakeInstruction.Delegate(key(in, "validator"));
            case StakeInstruction.Deactivate.DISCRIMINANT -> new StakeInstruction.Deactivate();
            case StakeInstruction.Withdraw.DISCRIMINANT -> new StakeInstruction.Withdraw(key(in, "recipient"));
            case StakeInstruction.SetCommission.DISCRIMINANT ->
                    new StakeInstruction.SetCommission(u16(in, "commission bps"));
            case StakeInstruction.RotateConsensusKey.DISCRIMINANT ->
                    new StakeInstruction.RotateConsensusKey(key(in, "new consensus key"));
            default -> new StakeInstruction.Unjail();
        };
    }

    private static PublicKey key(ByteReader in, String what) throws DecodeException {
        return PublicKey.wrap(in.raw(PublicKey.LENGTH, what));
    }

    /** No account can hold 2^63 lamports or more, so such an amount is malformed, not merely unaffordable. */
    private static long lamports(ByteReader in, String what) throws DecodeException {
        long value = in.u64(what);
        if (value < 0) {
            throw new DecodeException(what + " " + Long.toUnsignedString(value) + " exceeds 2^63 - 1");
        }
        return value;
    }

    private static int u16(ByteReader in, String what) throws DecodeException {
        byte[] bytes = in.raw(2, what);
        return (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8;
    }
}
