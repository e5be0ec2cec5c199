package network.mira.settlement.staking.program;

import java.util.Objects;
import network.mira.core.codec.ByteWriter;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.program.InstructionDecodeException;

/**
 * The stake program's instructions. Encoding as the System program's: a u32 little-endian
 * discriminant, then fixed-size fields (u64 little endian, u16 little endian, 32-byte keys); the
 * length is fixed per instruction, so short or long data is refused. {@code accounts()} is how many
 * accounts each one declares, in the order documented on each record and in docs/staking.md.
 */
public sealed interface StakeInstruction {

    /** Accounts the instruction must declare, the state account first. */
    int accounts();

    byte[] encode();

    /** @throws InstructionDecodeException for a wrong length, an unknown discriminant, or bad fields */
    static StakeInstruction decode(byte[] data) throws InstructionDecodeException {
        return StakeInstructionDecoder.decode(data);
    }

    /** 0. Accounts: [state (w), identity (signer), self-bond (signer, w, funded by System CreateAccount)]. */
    record RegisterValidator(PublicKey consensusKey, int commissionBps, long selfBond) implements StakeInstruction {
        public static final int DISCRIMINANT = 0;
        static final int ENCODED_LENGTH = 4 + PublicKey.LENGTH + 2 + 8;

        public RegisterValidator {
            Objects.requireNonNull(consensusKey, "consensusKey");
            if (commissionBps < 0 || commissionBps > 0xFFFF) {
                throw new IllegalArgumentException("commission must fit a u16, got " + commissionBps);
            }
        }

        @Override
        public int accounts() {
            return 3;
        }

        @Override
        public byte[] encode() {
            return start(DISCRIMINANT).raw(consensusKey.bytes()).raw(u16(commissionBps)).u64(selfBond).toByteArray();
        }
    }

    /** 1. Accounts: [state (w), new stake (signer, w, funded by System CreateAccount), authority (signer)]. */
    record CreateStake(long amount) implements StakeInstruction {
        public static final int DISCRIMINANT = 1;
        static final int ENCODED_LENGTH = 4 + 8;

        @Override
        public int accounts() {
            return 3;
        }

        @Override
        public byte[] encode() {
            return start(DISCRIMINANT).u64(amount).toByteArray();
        }
    }

    /** 2. Accounts: [state (w), stake, authority (signer)]. */
    record Delegate(PublicKey validator) implements StakeInstruction {
        public static final int DISCRIMINANT = 2;
        static final int ENCODED_LENGTH = 4 + PublicKey.LENGTH;

        public Delegate {
            Objects.requireNonNull(validator, "validator");
        }

        @Override
        public int accounts() {
            return 3;
        }

        @Override
        public byte[] encode() {
            return start(DISCRIMINANT).raw(validator.bytes()).toByteArray();
        }
    }

    /** 3. Accounts: [state (w), stake, authority (signer)]. */
    record Deactivate() implements StakeInstruction {
        public static final int DISCRIMINANT = 3;
        static final int ENCODED_LENGTH = 4;

        @Override
        public int accounts() {
            return 3;
        }

        @Override
        public byte[] encode() {
            return start(DISCRIMINANT).toByteArray();
        }
    }

    /** 4. Accounts: [state (w), stake, authority (signer), recipient (w, the key {@code to})]. */
    record Withdraw(PublicKey to) implements StakeInstruction {
        public static final int DISCRIMINANT = 4;
        static final int ENCODED_LENGTH = 4 + PublicKey.LENGTH;

        public Withdraw {
            Objects.requireNonNull(to, "to");
        }

        @Override
        public int accounts() {
            return 4;
        }

        @Override
        public byte[] encode() {
            return start(DISCRIMINANT).raw(to.bytes()).toByteArray();
        }
    }

    /** 5. Accounts: [state (w), identity (signer)]. */
    record SetCommission(int commissionBps) implements StakeInstruction {
        public static final int DISCRIMINANT = 5;
        static final int ENCODED_LENGTH = 4 + 2;

        public SetCommission {
            if (commissionBps < 0 || commissionBps > 0xFFFF) {
                throw new IllegalArgumentException("commission must fit a u16, got " + commissionBps);
            }
        }

        @Override
        public int accounts() {
            return 2;
        }

        @Override
        public byte[] encode() {
            return start(DISCRIMINANT).raw(u16(commissionBps)).toByteArray();
        }
    }

    /** 6. Accounts: [state (w), identity (signer)]. */
    record RotateConsensusKey(PublicKey newKey) implements StakeInstruction {
        public static final int DISCRIMINANT = 6;
        static final int ENCODED_LENGTH = 4 + PublicKey.LENGTH;

        public RotateConsensusKey {
            Objects.requireNonNull(newKey, "newKey");
        }

        @Override
        public int accounts() {
            return 2;
        }

        @Override
        public byte[] encode() {
            return start(DISCRIMINANT).raw(newKey.bytes()).toByteArray();
        }
    }

    /** 7. Accounts: [state (w), identity (signer)]. */
    record Unjail() implements StakeInstruction {
        public static final int DISCRIMINANT = 7;
        static final int ENCODED_LENGTH = 4;

        @Override
        public int accounts() {
            return 2;
        }

        @Override
        public byte[] encode() {
            return start(DISCRIMINANT).toByteArray();
        }
    }

    private static ByteWriter start(int discriminant) {
        return new ByteWriter(48).u32(discriminant);
    }

    private static byte[] u16(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8)};
    }
}
