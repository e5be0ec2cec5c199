package network.mira.core.tx;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import network.mira.core.crypto.PublicKey;

/** An instruction before compilation: the program, its accounts with their roles, and its data. */
public record Instruction(PublicKey programId, List<AccountMeta> accounts, byte[] data) {
    public Instruction {
        Objects.requireNonNull(programId, "programId");
        accounts = List.copyOf(accounts);
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Instruction that && programId.equals(that.programId) && accounts.equals(that.accounts)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * programId.hashCode() + accounts.hashCode()) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Instruction[programId=" + programId + ", accounts=" + accounts + ", data="
                + HexFormat.of().formatHex(data) + "]";
    }
}
