package network.mira.core.tx;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An instruction as it appears in a message: indexes into the message's account keys (u8 each)
 * and opaque data. Arrays are copied in and out, so a value never changes after construction.
 */
public record CompiledInstruction(int programIdIndex, byte[] accountIndexes, byte[] data) {

    /** @throws IllegalArgumentException for an index that is not a u8 or arrays longer than a compact-u16 */
    public CompiledInstruction {
        if (programIdIndex < 0 || programIdIndex > 0xFF) {
            throw new IllegalArgumentException("program id index must be 0..255, got " + programIdIndex);
        }
        if (accountIndexes == null || data == null) {
            throw new IllegalArgumentException("account indexes and data must not be null");
        }
        if (accountIndexes.length > ShortVec.MAX_VALUE || data.length > ShortVec.MAX_VALUE) {
            throw new IllegalArgumentException("an instruction holds at most " + ShortVec.MAX_VALUE
                    + " account indexes and data bytes, got " + accountIndexes.length + " and " + data.length);
        }
        accountIndexes = accountIndexes.clone();
        data = data.clone();
    }

    @Override
    public byte[] accountIndexes() {
        return accountIndexes.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int accountCount() {
        return accountIndexes.length;
    }

    /** The account key index at {@code position} in this instruction's account list, as 0..255. */
    public int accountIndex(int position) {
        return accountIndexes[position] & 0xFF;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CompiledInstruction that
                && programIdIndex == that.programIdIndex
                && Arrays.equals(accountIndexes, that.accountIndexes)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * programIdIndex + Arrays.hashCode(accountIndexes)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "CompiledInstruction[programIdIndex=" + programIdIndex + ", accountIndexes="
                + Arrays.toString(unsigned(accountIndexes)) + ", data=" + HexFormat.of().formatHex(data) + "]";
    }

    private static int[] unsigned(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xFF;
        }
        return out;
    }
}
