package network.mira.verification.program;

import java.util.List;
import java.util.Objects;
import network.mira.core.crypto.Hash;
import network.mira.verification.certificate.StakeTally;
import network.mira.verification.claims.Claim;
import network.mira.verification.verdict.FinalVerdict;

/**
 * One claim of a request on chain: its text and hash, its committee's seats once drawn (empty before),
 * and its verdict and tally once resolved (null before).
 */
public record ClaimState(String text, Hash hash, List<MemberSlot> seats, FinalVerdict verdict, StakeTally tally) {
    public ClaimState {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(hash, "hash");
        seats = List.copyOf(seats);
        if ((verdict == null) != (tally == null)) {
            throw new IllegalArgumentException("a resolved claim has a verdict and a tally, an open one neither");
        }
    }

    public static ClaimState of(Claim claim) {
        return new ClaimState(claim.text(), claim.hash(), List.of(), null, null);
    }

    public ClaimState withSeats(List<MemberSlot> newSeats) {
        return new ClaimState(text, hash, newSeats, verdict, tally);
    }

    public ClaimState withSeat(int position, MemberSlot seat) {
        java.util.ArrayList<MemberSlot> changed = new java.util.ArrayList<>(seats);
        changed.set(position, seat);
        return withSeats(changed);
    }

    public ClaimState resolved(FinalVerdict finalVerdict, StakeTally finalTally) {
        return new ClaimState(text, hash, seats, finalVerdict, finalTally);
    }

    /** The seat of the pool member at {@code poolIndex}, or -1 when it is not on this claim's committee. */
    public int seatOf(int poolIndex) {
        for (int i = 0; i < seats.size(); i++) {
            if (seats.get(i).poolIndex() == poolIndex) {
                return i;
            }
        }
        return -1;
    }
}
