package network.mira.node.verify.attest;

import java.util.List;
import java.util.Objects;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.program.ClaimState;
import network.mira.verification.program.MemberSlot;
import network.mira.verification.program.RequestRecord;

/**
 * An open request on which this validator holds seats, as finalized state shows it.
 *
 * @param request   the request account
 * @param record    its decoded state
 * @param poolIndex this validator's position in the request's pool
 * @param claims    the indexes of the claims whose committee holds a seat of this validator, ascending
 */
public record Assignment(PublicKey request, RequestRecord record, int poolIndex, List<Integer> claims) {
    public Assignment {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(record, "record");
        claims = List.copyOf(claims);
        if (poolIndex < 0 || claims.isEmpty()) {
            throw new IllegalArgumentException("an assignment has a pool index and at least one seat");
        }
    }

    /** This validator's seat on claim {@code claimIndex}, which must be one of {@link #claims()}. */
    public MemberSlot seat(int claimIndex) {
        ClaimState claim = record.claims().get(claimIndex);
        return claim.seats().get(claim.seatOf(poolIndex));
    }

    public String claimText(int claimIndex) {
        return record.claims().get(claimIndex).text();
    }
}
