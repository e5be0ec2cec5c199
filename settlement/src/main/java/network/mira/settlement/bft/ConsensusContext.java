package network.mira.settlement.bft;

import java.util.Objects;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.consensus.ValidatorSet;
import network.mira.settlement.signer.ConsensusSigner;

/** What a {@link ConsensusCore} is built with; the validators of each height come from the schedule. */
public record ConsensusContext(String chainId, ValidatorSchedule validators, Settings settings, ConsensusSigner signer,
                               BlockBuilder blockBuilder, CertificateVerifier.SignatureCheck signatureCheck) {
    /** One validator set for every height. */
    public ConsensusContext(String chainId, ValidatorSet validators, Settings settings, ConsensusSigner signer,
                            BlockBuilder blockBuilder, CertificateVerifier.SignatureCheck signatureCheck) {
        this(chainId, ValidatorSchedule.fixed(Objects.requireNonNull(validators, "validators")), settings, signer,
                blockBuilder, signatureCheck);
    }

    public ConsensusContext {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(validators, "validators");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(blockBuilder, "blockBuilder");
        Objects.requireNonNull(signatureCheck, "signatureCheck");
    }
}
