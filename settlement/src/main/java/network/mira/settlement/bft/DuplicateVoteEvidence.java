package network.mira.settlement.bft;

/**
 * Two conflicting signed votes from one validator for the same (height, round, step). Both
 * signatures were checked before the votes reached the vote set, so this is proof on its own.
 */
public record DuplicateVoteEvidence(Vote first, Vote second) {
    public DuplicateVoteEvidence {
        if (!first.conflictsWith(second)) {
            throw new IllegalArgumentException("votes do not conflict: " + first + " / " + second);
        }
    }
}
