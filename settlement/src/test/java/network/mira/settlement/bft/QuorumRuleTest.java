package network.mira.settlement.bft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.Signature;
import org.junit.jupiter.api.Test;

/** The quorum rule is "more than 2/3 of stake", never "2f+1 votes" (wrong whenever n != 3f+1). */
class QuorumRuleTest {
    private static final Hash BLOCK = Hash.sha256(new byte[] {1});
    private static final Hash OTHER = Hash.sha256(new byte[] {2});

    static Vote vote(Validator validator, Hash block, int signatureByte) {
        byte[] signature = new byte[Signature.LENGTH];
        signature[0] = (byte) signatureByte;
        return new Vote(1, 0, VoteStep.PREVOTE, block, block, validator.key(), Signature.wrap(signature));
    }

    @Test
    void everyPrefixIsAQuorumExactlyWhenItHoldsMoreThanTwoThirds() {
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 1; n <= 20; n++) {
            for (boolean uneven : new boolean[] {false, true}) {
                List<Validator> members = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    members.add(new Validator(ProposerSelectionTest.key(i + 1), uneven ? 1 + random.nextInt(100) : 1));
                }
                ValidatorSet set = new ValidatorSet(members);
                VoteSet votes = new VoteSet(1, 0, VoteStep.PREVOTE, set);
                long stake = 0;
                for (Validator validator : set.validators()) {
                    votes.add(vote(validator, BLOCK, 0));
                    stake += validator.stake();
                    boolean expected = 3 * stake > 2 * set.totalStake();
                    assertThat(votes.hasQuorumFor(BLOCK)).as("n=%d stake=%d of %d", n, stake, set.totalStake())
                            .isEqualTo(expected);
                    assertThat(votes.hasQuorumOfAny()).isEqualTo(expected);
                }
                if (!uneven) {
                    int f = (n - 1) / 3;
                    // The classic bug: 2f+1 equal votes is not a quorum when n != 3f+1 (e.g. n=6: 3 of 6).
                    long twoFPlusOne = 2L * f + 1;
                    assertThat(set.isQuorum(twoFPlusOne)).isEqualTo(3 * twoFPlusOne > 2L * n);
                    if (n % 3 == 1) {
                        assertThat(set.isQuorum(twoFPlusOne)).isTrue(); // n = 3f+1: 2f+1 happens to be right
                    }
                }
            }
        }
        ValidatorSet six = new ValidatorSet(List.of(
                new Validator(ProposerSelectionTest.key(1), 1), new Validator(ProposerSelectionTest.key(2), 1),
                new Validator(ProposerSelectionTest.key(3), 1), new Validator(ProposerSelectionTest.key(4), 1),
                new Validator(ProposerSelectionTest.key(5), 1), new Validator(ProposerSelectionTest.key(6), 1)));
        assertThat(six.isQuorum(3)).isFalse(); // 2f+1 with f=1
        assertThat(six.isQuorum(4)).isFalse(); // exactly two thirds is not more than two thirds
        assertThat(six.isQuorum(5)).isTrue();
    }

    @Test
    void conflictingVoteFromOneValidatorIsEvidenceOnceAndCountsPerValueButOnceInTotal() {
        Validator a = new Validator(ProposerSelectionTest.key(1), 10);
        Validator b = new Validator(ProposerSelectionTest.key(2), 10);
        ValidatorSet set = new ValidatorSet(List.of(a, b));
        VoteSet votes = new VoteSet(1, 0, VoteStep.PREVOTE, set);
        assertThat(votes.add(vote(a, BLOCK, 1))).isInstanceOf(VoteSet.AddResult.Added.class);
        assertThat(votes.add(vote(a, BLOCK, 1))).isInstanceOf(VoteSet.AddResult.Duplicate.class);
        VoteSet.AddResult conflict = votes.add(vote(a, OTHER, 2));
        assertThat(conflict).isInstanceOf(VoteSet.AddResult.Conflict.class);
        DuplicateVoteEvidence evidence = ((VoteSet.AddResult.Conflict) conflict).evidence();
        assertThat(evidence.first().blockHash()).isEqualTo(BLOCK);
        assertThat(evidence.second().blockHash()).isEqualTo(OTHER);
        assertThat(votes.add(vote(a, OTHER, 2))).as("evidence once per equivocator")
                .isInstanceOf(VoteSet.AddResult.Duplicate.class);
        assertThat(votes.stakeFor(BLOCK)).isEqualTo(10);
        assertThat(votes.stakeFor(OTHER)).isEqualTo(10); // an equivocator may sit in both quorums
        assertThat(votes.totalStake()).isEqualTo(10);
        assertThat(votes.votesFor(OTHER)).singleElement().satisfies(v -> assertThat(v.blockHash()).isEqualTo(OTHER));
    }

    @Test
    void nilIsCountedSeparately() {
        Validator a = new Validator(ProposerSelectionTest.key(1), 10);
        ValidatorSet set = new ValidatorSet(List.of(a));
        VoteSet votes = new VoteSet(1, 0, VoteStep.PREVOTE, set);
        votes.add(vote(a, Hash.ZERO, 0));
        assertThat(votes.hasQuorumFor(Hash.ZERO)).isTrue();
        assertThat(votes.quorumBlock()).isEmpty();
    }
}
