package network.mira.verification.certificate;

import java.util.Objects;
import java.util.Optional;

/** What {@link CertificateChecker} found: valid, or the first problem with its details in words. */
public record CheckResult(Optional<Problem> problem, String detail) {
    /** Each way a certificate can be wrong; the checker reports the first it meets, in this order of checks. */
    public enum Problem {
        /** The certificate is for another chain than the one checked against. */
        WRONG_CHAIN,
        /** The pool does not hash to the stated validator set hash, or that is not the trusted one. */
        SET_MISMATCH,
        /** The committee size cannot be drawn from the pool. */
        BAD_COMMITTEE_SIZE,
        /**
         * The request id is not the digest of the certificate's request account, height, block hash, pool,
         * committee size, threshold and claim hashes: one of them was changed after the signatures.
         */
        REQUEST_ID_MISMATCH,
        /** A claim's hash is not the SHA-256 of its text. */
        CLAIM_HASH_MISMATCH,
        /** An attestation's signature does not verify under its validator for this chain. */
        BAD_ATTESTATION_SIGNATURE,
        /** An attestation's validator is not on the claim's recomputed committee. */
        NOT_IN_COMMITTEE,
        /** Two attestations of one validator for one claim. */
        DUPLICATE_ATTESTATION,
        /** The stated tallies are not those of the attestations and the pool's stakes. */
        TALLY_MISMATCH,
        /** The stated verdict is not what the tallies give under the threshold. */
        VERDICT_MISMATCH
    }

    public CheckResult {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(detail, "detail");
    }

    public static CheckResult valid() {
        return new CheckResult(Optional.empty(), "valid");
    }

    public static CheckResult invalid(Problem problem, String detail) {
        return new CheckResult(Optional.of(problem), problem + ": " + detail);
    }

    public boolean isValid() {
        return problem.isEmpty();
    }
}
