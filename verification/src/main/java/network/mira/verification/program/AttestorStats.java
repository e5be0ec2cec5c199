package network.mira.verification.program;

import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;

/**
 * A validator's record as a verifier, kept by the program in an account per identity. A claim counts
 * as <em>resolved</em> for a member when the member revealed TRUE or FALSE and the rest of its committee
 * decided TRUE or FALSE without it; it <em>agreed</em> when both are the same. The window counts the
 * same since the last guessing test; the lifetime figures feed the confidence band.
 *
 * <p>Encoded as u64 resolved ‖ u64 agreed ‖ u32 window resolved ‖ u32 window agreed ‖ u64 excluded
 * until epoch (committees of that epoch and later may draw it again) ‖ u64 missed reveals ‖ u64
 * equivocations ‖ u64 guessing slashes.
 */
public record AttestorStats(long resolved, long agreed, int windowResolved, int windowAgreed,
                            long excludedUntilEpoch, long missedReveals, long equivocations, long guessingSlashes) {
    public static final AttestorStats NONE = new AttestorStats(0, 0, 0, 0, 0, 0, 0, 0);

    public AttestorStats withObservation(boolean agreement) {
        int add = agreement ? 1 : 0;
        return new AttestorStats(resolved + 1, agreed + add, windowResolved + 1, windowAgreed + add,
                excludedUntilEpoch, missedReveals, equivocations, guessingSlashes);
    }

    /** After a guessing test: the window starts afresh; a rejection also excludes until {@code untilEpoch}. */
    public AttestorStats afterTest(boolean rejected, long untilEpoch) {
        return new AttestorStats(resolved, agreed, 0, 0, rejected ? untilEpoch : excludedUntilEpoch, missedReveals,
                equivocations, guessingSlashes + (rejected ? 1 : 0));
    }

    public AttestorStats withMissedReveal() {
        return new AttestorStats(resolved, agreed, windowResolved, windowAgreed, excludedUntilEpoch,
                missedReveals + 1, equivocations, guessingSlashes);
    }

    public AttestorStats withEquivocation() {
        return new AttestorStats(resolved, agreed, windowResolved, windowAgreed, excludedUntilEpoch, missedReveals,
                equivocations + 1, guessingSlashes);
    }

    public boolean excludedIn(long epoch) {
        return epoch < excludedUntilEpoch;
    }

    public byte[] encode() {
        return new ByteWriter(56).u64(resolved).u64(agreed).u32(windowResolved).u32(windowAgreed)
                .u64(excludedUntilEpoch).u64(missedReveals).u64(equivocations).u64(guessingSlashes).toByteArray();
    }

    /** An account without data has no record yet. */
    public static AttestorStats decode(byte[] bytes) throws DecodeException {
        if (bytes.length == 0) {
            return NONE;
        }
        ByteReader in = new ByteReader(bytes);
        AttestorStats stats = new AttestorStats(in.u64("resolved"), in.u64("agreed"), (int) in.u32("window resolved"),
                (int) in.u32("window agreed"), in.u64("excluded until"), in.u64("missed reveals"),
                in.u64("equivocations"), in.u64("guessing slashes"));
        in.expectEnd("attestor stats");
        return stats;
    }
}
