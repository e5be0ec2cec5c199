package network.mira.settlement.bft;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.PublicKey;

/** State only: every vote set of one height, by (round, step), and who spoke in which round. */
public final class HeightVotes {
    private final long height;
    private final ValidatorSet validators;
    private final Map<Long, VoteSet> sets = new HashMap<>();
    private final Map<Integer, Set<PublicKey>> speakersByRound = new HashMap<>();

    public HeightVotes(long height, ValidatorSet validators) {
        this.height = height;
        this.validators = validators;
    }

    public VoteSet.AddResult add(Vote vote) {
        VoteSet.AddResult result = get(vote.round(), vote.step()).add(vote);
        markSpoke(vote.round(), vote.validator());
        return result;
    }

    public void markSpoke(int round, PublicKey validator) {
        speakersByRound.computeIfAbsent(round, r -> new HashSet<>()).add(validator);
    }

    public VoteSet get(int round, VoteStep step) {
        return sets.computeIfAbsent(((long) round << 2) | step.code(), k -> new VoteSet(height, round, step, validators));
    }

    /** More than one third of the stake sent something in this round: at least one honest is there. */
    public boolean hasOneThirdSpeaking(int round) {
        long stake = 0;
        for (PublicKey key : speakersByRound.getOrDefault(round, Set.of())) {
            stake += validators.get(key).orElseThrow().stake();
        }
        return 3 * stake > validators.totalStake();
    }

    /** Rounds in which anyone spoke, in no particular order. */
    public Set<Integer> roundsSpoken() {
        return speakersByRound.keySet();
    }
}
