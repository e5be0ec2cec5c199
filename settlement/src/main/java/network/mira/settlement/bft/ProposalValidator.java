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
    private final ValidatorSchedule validators;
    /** Proposer order of the set in use; rebuilt when the set changes. Guarded by this. */
    private ValidatorSet current;
    private ProposerSelection proposers;
    private final CertificateVerifier.SignatureCheck signatures;

    public ProposalValidator(String chainId, ValidatorSet validators, CertificateVerifier.SignatureCheck signatures) {
        this(chainId, ValidatorSchedule.fixed(validators), signatures);
    }

    public ProposalValidator(String chainId, ValidatorSchedule validators,
                             CertificateVerifier.SignatureCheck signatures) {
        this.chainId = chainId;
        this.validators = validators;
        this.signatures = signatures;
    }

    /** Who proposes (height, round). Synchronized: the proposer order is stateful and peers' threads share it. */
    private synchronized boolean isProposer(Proposal proposal) {
        ValidatorSet set = validators.at(proposal.height());
        if (current == null || !current.equals(set)) {
            current = set;
            proposers = new ProposerSelection(set);
        }
        return set.contains(proposal.proposer())
                && proposers.proposer(proposal.height(), proposal.round()).equals(proposal.proposer());
    }

    public Optional<String> validate(Proposal proposal) {
        if (proposal.height() < 1 || proposal.round() < 0) {
            return Optional.of("height " + proposal.height() + " round " + proposal.round() + " out of range");
        }
        if (!isProposer(proposal)) {
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
