package network.mira.verification.certificate;

import java.util.List;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.committee.Committee;
import network.mira.verification.committee.CommitteeCandidate;

/** Stake tallies of a claim's counted attestations: the sums both the assembler and the checker compute. */
public final class Aggregation {
    private Aggregation() {}

    /**
     * Sums each attestation's member stake by verdict; members without an attestation are missing.
     *
     * @throws IllegalArgumentException if an attestation's validator is not a member or repeats
     */
    public static StakeTally tally(Committee committee, List<Attestation> attestations) {
        long trueStake = 0;
        long falseStake = 0;
        long uncertainStake = 0;
        for (int i = 0; i < attestations.size(); i++) {
            Attestation attestation = attestations.get(i);
            for (int j = 0; j < i; j++) {
                if (attestations.get(j).validator().equals(attestation.validator())) {
                    throw new IllegalArgumentException(attestation.validator() + " attests twice");
                }
            }
            long stake = stakeOf(committee, attestation);
            switch (attestation.verdict()) {
                case TRUE -> trueStake += stake;
                case FALSE -> falseStake += stake;
                case UNCERTAIN -> uncertainStake += stake;
            }
        }
        long missing = committee.totalStake() - trueStake - falseStake - uncertainStake;
        return new StakeTally(trueStake, falseStake, uncertainStake, missing);
    }

    private static long stakeOf(Committee committee, Attestation attestation) {
        for (CommitteeCandidate member : committee.members()) {
            if (member.identity().equals(attestation.validator())) {
                return member.stake();
            }
        }
        throw new IllegalArgumentException(attestation.validator() + " is not on the committee of claim "
                + committee.claimIndex());
    }
}
