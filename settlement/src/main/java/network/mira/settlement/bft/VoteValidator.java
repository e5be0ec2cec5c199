package network.mira.settlement.bft;

import java.util.Optional;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Hash;

/**
 * Checks a vote before it reaches the core: signer in the set of the vote's height, sane slot, nil
 * consistent, good signature. Holds no mutable state, so every network handler may share one.
 */
public final class VoteValidator {
    private final String chainId;
    private final ValidatorSchedule validators;
    private final CertificateVerifier.SignatureCheck signatures;

    public VoteValidator(String chainId, ValidatorSet validators, CertificateVerifier.SignatureCheck signatures) {
        this(chainId, ValidatorSchedule.fixed(validators), signatures);
    }

    public VoteValidator(String chainId, ValidatorSchedule validators, CertificateVerifier.SignatureCheck signatures) {
        this.chainId = chainId;
        this.validators = validators;
        this.signatures = signatures;
    }

    /** @return why the vote is rejected, or empty if it may be handed to the core */
    public Optional<String> validate(Vote vote) {
        if (vote.height() < 1 || vote.round() < 0) {
            return Optional.of("height " + vote.height() + " round " + vote.round() + " out of range");
        }
        if (!validators.at(vote.height()).contains(vote.validator())) {
            return Optional.of("signer " + vote.validator() + " is not a validator at height " + vote.height());
        }
        if (vote.isNil() != vote.stateRoot().equals(Hash.ZERO)) {
            return Optional.of("nil vote must have a zero state root and only a nil vote may");
        }
        if (!signatures.verify(vote.validator(), vote.signBytes(chainId), vote.signature())) {
            return Optional.of("bad signature from " + vote.validator());
        }
        return Optional.empty();
    }
}
