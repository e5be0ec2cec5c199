package network.mira.verification.certificate;

import network.mira.verification.verdict.FinalVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import network.mira.core.crypto.Hash;
import network.mira.verification.attestation.Attestation;

/**
 * One claim of a certificate as stated: text, hash, verdict, tallies and the counted attestations.
 * Nothing here is trusted: {@link CertificateChecker} compares it with what it recomputes.
 * Attestations are kept in canonical order (validator, then encoded bytes, unsigned).
 */
public record ClaimResult(int index, String text, Hash hash, FinalVerdict verdict, StakeTally tally,
                          List<Attestation> attestations) {
    static final Comparator<Attestation> ORDER = Comparator.comparing(Attestation::validator)
            .thenComparing(Attestation::encode, Arrays::compareUnsigned);

    public ClaimResult {
        if (index < 0) {
            throw new IllegalArgumentException("claim index must not be negative, got " + index);
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(tally, "tally");
        List<Attestation> sorted = new ArrayList<>(attestations);
        sorted.sort(ORDER);
        for (Attestation attestation : sorted) {
            if (attestation.claimIndex() != index) {
                throw new IllegalArgumentException("claim " + index + " holds an attestation for claim "
                        + attestation.claimIndex());
            }
        }
        attestations = List.copyOf(sorted);
    }
}
