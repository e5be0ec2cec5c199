package network.mira.settlement.mempool;

import java.util.Optional;
import network.mira.core.crypto.Signature;

/** Accepted with the transaction's signature, or refused with a reason and a precise message. */
public record AdmissionResult(Optional<Signature> signature, Optional<RefusalReason> reason, String message) {
    public static AdmissionResult accepted(Signature signature) {
        return new AdmissionResult(Optional.of(signature), Optional.empty(), "accepted");
    }

    public static AdmissionResult refused(RefusalReason reason, String message) {
        return new AdmissionResult(Optional.empty(), Optional.of(reason), message);
    }

    public boolean isAccepted() {
        return reason.isEmpty();
    }
}
