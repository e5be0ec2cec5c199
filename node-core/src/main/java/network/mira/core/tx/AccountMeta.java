package network.mira.core.tx;

import java.util.Objects;
import network.mira.core.crypto.PublicKey;

/** An account an instruction uses, and whether it must sign and may be written. */
public record AccountMeta(PublicKey key, boolean signer, boolean writable) {
    public AccountMeta {
        Objects.requireNonNull(key, "key");
    }

    public static AccountMeta writable(PublicKey key, boolean signer) {
        return new AccountMeta(key, signer, true);
    }

    public static AccountMeta readonly(PublicKey key, boolean signer) {
        return new AccountMeta(key, signer, false);
    }
}
