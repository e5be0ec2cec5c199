package network.mira.settlement.staking;

import java.util.Objects;
import network.mira.core.crypto.PublicKey;

/** A validator in the genesis file: its self-bond is active from height 0 (nothing can warm up before a set exists). */
public record GenesisValidator(PublicKey identity, PublicKey consensusKey, long commissionBps,
                               PublicKey selfBondAddress, long selfBond) {
    public GenesisValidator {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(consensusKey, "consensusKey");
        Objects.requireNonNull(selfBondAddress, "selfBondAddress");
    }
}
