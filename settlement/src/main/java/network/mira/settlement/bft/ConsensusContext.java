package network.mira.settlement.bft;

import java.util.Objects;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.consensus.ValidatorSet;
import network.mira.settlement.signer.ConsensusSigner;

/** What a {@link ConsensusCore} is built with; the same for every height of an epoch. */
public record ConsensusContext(String chainId, ValidatorSet validators, Settings settings, ConsensusSigner signer,
                               BlockBuilder blockBuilder, CertificateVerifier.SignatureCheck signatureCheck) {
    public ConsensusContext {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(validators, "validators");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(blockBuilder, "blockBuilder");
        Objects.requireNonNull(signatureCheck, "signatureCheck");
    }
}
