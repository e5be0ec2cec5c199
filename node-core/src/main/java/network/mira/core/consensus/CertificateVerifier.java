package network.mira.core.consensus;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import network.mira.core.block.BlockHeader;
import network.mira.core.crypto.PublicKey;

/**
 * The light-client check: is this certificate a quorum of valid precommits, by members of the
 * given set, for exactly this block? Signature checking is injected (Ed25519 lives with the
 * crypto package) so this rule stays a pure function.
 */
public final class CertificateVerifier {
    /** Verifies one signature over sign bytes; returns false for anything invalid, never throws. */
    public interface SignatureCheck {
        boolean verify(PublicKey key, byte[] message, network.mira.core.crypto.Signature signature);
    }

    private final SignatureCheck signatureCheck;

    public CertificateVerifier(SignatureCheck signatureCheck) {
        this.signatureCheck = signatureCheck;
    }

    /** @throws InvalidCertificateException saying which rule failed */
    public void verify(String chainId, BlockHeader header, CommitCertificate certificate, ValidatorSet validators)
            throws InvalidCertificateException {
        if (certificate.height() != header.height()) {
            throw new InvalidCertificateException("certificate is for height " + certificate.height()
                    + ", block is " + header.height());
        }
        if (!certificate.blockHash().equals(header.hash())) {
            throw new InvalidCertificateException("certificate signs block " + certificate.blockHash()
                    + ", not " + header.hash());
        }
        if (!certificate.stateRoot().equals(header.stateRoot())) {
            throw new InvalidCertificateException("certificate signs state root " + certificate.stateRoot()
                    + ", block has " + header.stateRoot());
        }
        byte[] signBytes = certificate.signBytes(chainId);
        Set<PublicKey> seen = new HashSet<>();
        long stake = 0;
        for (CommitSignature entry : certificate.signatures()) {
            Validator validator = validators.get(entry.validator()).orElseThrow(() ->
                    new InvalidCertificateException("signer " + entry.validator() + " is not in the validator set"));
            if (!seen.add(entry.validator())) {
                throw new InvalidCertificateException("signer " + entry.validator() + " appears twice");
            }
            if (!signatureCheck.verify(entry.validator(), signBytes, entry.signature())) {
                throw new InvalidCertificateException("bad signature from " + entry.validator());
            }
            stake += validator.stake();
        }
        if (!validators.isQuorum(stake)) {
            throw new InvalidCertificateException("signers hold " + stake + " of " + validators.totalStake()
                    + " stake, not more than two thirds");
        }
    }

    /** Convenience for callers that only need a yes/no. */
    public Predicate<CommitCertificate> forBlock(String chainId, BlockHeader header, ValidatorSet validators) {
        return certificate -> {
            try {
                verify(chainId, header, certificate, validators);
                return true;
            } catch (InvalidCertificateException e) {
                return false;
            }
        };
    }
}
