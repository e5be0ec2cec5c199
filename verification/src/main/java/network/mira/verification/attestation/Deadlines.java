package network.mira.verification.attestation;

/**
 * A claim's deadlines as block heights. A commit counts if included at a height
 * {@code <= commitDeadline}; a reveal if {@code commitDeadline < height <= revealDeadline}, so no
 * verdict is visible while commitments can still be made.
 */
public record Deadlines(long commitDeadline, long revealDeadline) {
    public Deadlines {
        if (commitDeadline < 0 || revealDeadline <= commitDeadline) {
            throw new IllegalArgumentException("deadlines need 0 <= commit deadline < reveal deadline, got "
                    + commitDeadline + " and " + revealDeadline);
        }
    }

    /** Deadlines {@code commitBlocks} and then {@code revealBlocks} after the request's height. */
    public static Deadlines after(long requestHeight, long commitBlocks, long revealBlocks) {
        if (requestHeight < 0 || commitBlocks < 1 || revealBlocks < 1) {
            throw new IllegalArgumentException("request height must be >= 0 and both windows at least one block");
        }
        long commit = Math.addExact(requestHeight, commitBlocks);
        return new Deadlines(commit, Math.addExact(commit, revealBlocks));
    }
}
