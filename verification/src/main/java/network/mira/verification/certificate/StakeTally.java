package network.mira.verification.certificate;

/**
 * A claim's committee stake by revealed verdict; {@code missing} is the stake of members whose
 * attestation is not counted (absent, unrevealed or refused). The four add up to the committee's stake.
 */
public record StakeTally(long trueStake, long falseStake, long uncertainStake, long missingStake) {
    public StakeTally {
        if (trueStake < 0 || falseStake < 0 || uncertainStake < 0 || missingStake < 0) {
            throw new IllegalArgumentException("stake tallies must not be negative: " + trueStake + ", " + falseStake
                    + ", " + uncertainStake + ", " + missingStake);
        }
    }
}
