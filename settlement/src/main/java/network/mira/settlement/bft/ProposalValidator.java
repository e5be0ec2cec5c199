package network.mira.settlement.bft;

import java.util.Optional;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.consensus.ValidatorSet;

/**
 * Checks a proposal before it reaches the core: sent by the proposer of its (height, round), for a
 * block of that height, with a good signature. Whether the block extends our chain and executes
 * to its state root is the core's business.
 */
public final class ProposalValidator {
    private final String chainId;
    private final ValidatorSet validators;
    private final ProposerSelection proposers;
    private final CertificateVerifier.SignatureCheck signatures;

    public ProposalValidator(String chainId, ValidatorSet validators, CertificateVerifier.SignatureCheck signatures) {
        this.chainId = chainId;
        this.validators = validators;
        this.proposers = new ProposerSelection(validators);
        this.signatures = signatures;
    }

    public Optional<String> validate(Proposal proposal) {
        if (proposal.height() < 1 || proposal.round() < 0) {
            return Optional.of("height " + proposal.height() + " round " + proposal.round() + " out of range");
        }
        if (!validators.contains(proposal.proposer())) {
            return Optional.of("proposer " + proposal.proposer() + " is not a validator");
        }
        if (!proposers.proposer(proposal.height(), proposal.round()).equals(proposal.proposer())) {
            return Optional.of(proposal.proposer() + " is not the proposer of " + proposal.height() + "/" + proposal.round());
        }
        if (proposal.block().height() != proposal.height()) {
            return Optional.of("block height " + proposal.block().height() + " in a proposal for " + proposal.height());
        }
        if (!signatures.verify(proposal.proposer(), proposal.signBytes(chainId), proposal.signature())) {
            return Optional.of("bad proposal signature from " + proposal.proposer());
        }
        return Optional.empty();
    }
}
